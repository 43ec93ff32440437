package dev.agentmail.extraction;

import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.port.MessageAnalyzer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Reads a parsed message as an agent would: code, link, and for replies the new text. */
public class ReadingAnalyzer implements MessageAnalyzer {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(ReadingAnalyzer.class);
    private static final String EMPHASIS = "strong, b, h1, h2, h3, td, code, span[style*=letter-spacing], "
        + "span[style*=font-size], div[style*=font-size], p[style*=font-size], div[style*=letter-spacing]";

    /** Never fails: a message it cannot read is stored and indexed all the same, with nothing found in it. */
    @Override
    public Analysis analyze(MessageContent content) {
        try {
            return read(content);
        } catch (RuntimeException e) {
            LOGGER.warn("Could not read message '{}' for codes and replies", content.subject(), e);
            return Analysis.NONE;
        }
    }

    private Analysis read(MessageContent content) {
        String text = content.text().orElse("");
        Optional<VerificationCodeFinder.Found> code = VerificationCodeFinder.find(content.subject(), text, emphasized(content));
        boolean isReply = content.inReplyTo().isPresent() || !content.references().isEmpty()
            || content.subject().matches("(?i)^\\s*(re|aw|sv|antw|rif|r)\\s*:.*");
        return new Analysis(code.map(VerificationCodeFinder.Found::code), code.map(VerificationCodeFinder.Found::sentence),
            VerificationLinkFinder.find(content.html(), content.text()),
            isReply ? ReplyText.text(text) : Optional.empty(),
            isReply ? content.html().flatMap(ReplyText::html) : Optional.empty());
    }

    private static Set<String> emphasized(MessageContent content) {
        Set<String> texts = new HashSet<>();
        content.html().ifPresent(html -> {
            for (Element element : Jsoup.parse(html).select(EMPHASIS)) {
                texts.add(element.text().strip());
            }
        });
        return texts;
    }
}
