package dev.agentmail.mime;

import dev.agentmail.domain.port.AttachmentReader;

import java.io.ByteArrayInputStream;
import java.util.Optional;

public class MimeAttachmentReader implements AttachmentReader {
    @Override
    public Optional<byte[]> read(byte[] rawMessage, int position) {
        return MessageParser.attachmentContent(new ByteArrayInputStream(rawMessage), position);
    }
}
