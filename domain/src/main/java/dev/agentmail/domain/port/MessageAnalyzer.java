package dev.agentmail.domain.port;

import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.MessageContent;

/** Finds verification codes and links, and the new text of replies, in a parsed message. */
public interface MessageAnalyzer {
    Analysis analyze(MessageContent content);
}
