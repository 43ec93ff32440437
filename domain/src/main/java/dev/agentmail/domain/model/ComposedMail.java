package dev.agentmail.domain.model;

/**
 * A message as MIME: {@code delivered} goes to recipients and carries no Bcc header; {@code sentCopy} is kept in
 * the sender's Sent folder and does, so that the sender can see whom it was blind-copied to.
 */
public record ComposedMail(String rfcMessageId, byte[] delivered, byte[] sentCopy) {
}
