package dev.agentmail.domain.port;

import java.util.Optional;

/** Takes the decoded bytes of an attachment out of a stored message, by its position among the attachments. */
public interface AttachmentReader {
    Optional<byte[]> read(byte[] rawMessage, int position);
}
