package dev.agentmail.mime;

import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.port.MessageReader;

import java.io.ByteArrayInputStream;

public class MimeMessageReader implements MessageReader {
    @Override
    public MessageContent read(byte[] rawMessage) {
        return MessageParser.parse(new ByteArrayInputStream(rawMessage));
    }
}
