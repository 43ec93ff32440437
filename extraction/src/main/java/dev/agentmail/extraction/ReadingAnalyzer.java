package dev.agentmail.extraction;

import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.port.MessageAnalyzer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a parsed message as an agent would: code, link, and for replies the new text. */
public class ReadingAnalyzer implements MessageAnalyzer {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(ReadingAnalyzer.class);
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

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
        List<List<String>> readings = new ArrayList<>();
        Optional<Document> visible = Optional.empty();
        boolean textIsRendering = false;
        if (content.html().isPresent()) {
            Document document = Jsoup.parse(content.html().get());
            textIsRendering = renders(document, text);
            visible = Optional.of(ReaderText.hideUnseen(document));
        }
        Optional<String> link = VerificationLinkFinder.find(visible, content.text());
        visible.ifPresent(document -> readings.add(ReaderText.lines(document)));
        if (!text.isBlank() && !textIsRendering) {
            readings.add(text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
        }
        Optional<VerificationCodeFinder.Found> code = VerificationCodeFinder.find(content.subject(), readings);
        boolean isReply = content.inReplyTo().isPresent() || !content.references().isEmpty()
            || content.subject().matches("(?i)^\\s*(re|aw|sv|antw|rif|r)\\s*:.*");
        return new Analysis(code.map(VerificationCodeFinder.Found::code), code.map(VerificationCodeFinder.Found::sentence),
            link, isReply ? ReplyText.text(text) : Optional.empty(),
            isReply ? content.html().flatMap(ReplyText::html) : Optional.empty());
    }

    /**
     * Whether the text is the parser's rendering of the HTML rather than a plain part of its own: that rendering
     * keeps what the reader never sees (preheaders, hidden text), so only the reader's view of the HTML counts.
     */
    private static boolean renders(Document html, String text) {
        // text() leaves out scripts and styles, as the parser's rendering does.
        return WHITESPACE.matcher(html.body().text()).replaceAll("").equals(WHITESPACE.matcher(text).replaceAll(""));
    }
}
