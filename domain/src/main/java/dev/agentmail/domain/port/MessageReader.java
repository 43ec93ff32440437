package dev.agentmail.domain.port;

import dev.agentmail.domain.model.MessageContent;

/** Reads a message as stored (RFC 5322 bytes) into what the index keeps. */
public interface MessageReader {
    MessageContent read(byte[] rawMessage);
}
