package dev.agentmail.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.domain.model.Analysis;
import dev.agentmail.mime.MessageParser;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the analyzer over the corpus of real-looking mail in test resources (corpus/NNN-name.eml with the expected
 * answers in NNN-name.json), prints precision and recall, and fails below the targets.
 */
class CorpusTest {
    private static final double TARGET = 0.97;
    private static final double REPLY_TARGET = 0.9;

    private static final class Score {
        int truePositives;
        int falsePositives;
        int falseNegatives;
        final List<String> misses = new ArrayList<>();

        void count(String name, Optional<String> found, String expected) {
            if (expected == null && found.isEmpty()) {
                return;
            }
            if (expected != null && found.isPresent() && normalize(found.get()).equals(normalize(expected))) {
                truePositives++;
                return;
            }
            if (found.isPresent()) {
                falsePositives++;
            }
            if (expected != null) {
                falseNegatives++;
            }
            misses.add(name + ": expected " + expected + ", found " + found.orElse(null));
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        private static String normalize(String value) {
            return value.replaceAll("\\s+", " ").strip();
        }
    }

    @Test
    void findsCodesLinksAndReplyTextsInTheCorpus() throws Exception {
        Path corpus = corpus();
        List<Path> messages;
        try (Stream<Path> files = Files.list(corpus)) {
            messages = files.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(messages).as("the corpus").hasSizeGreaterThanOrEqualTo(80);

        ReadingAnalyzer analyzer = new ReadingAnalyzer();
        ObjectMapper json = new ObjectMapper();
        Score codes = new Score();
        Score links = new Score();
        Score replies = new Score();
        for (Path message : messages) {
            String name = message.getFileName().toString().replace(".eml", "");
            JsonNode expected = json.readTree(corpus.resolve(name + ".json").toFile());
            Analysis analysis;
            try (InputStream raw = Files.newInputStream(message)) {
                analysis = analyzer.analyze(MessageParser.parse(raw));
            }
            codes.count(name, analysis.code(), text(expected, "code"));
            links.count(name, analysis.link(), text(expected, "link"));
            replies.count(name, analysis.extractedText(), text(expected, "reply_text"));
        }

        System.out.printf("corpus of %d messages%n", messages.size());
        System.out.printf("codes:   precision %.3f recall %.3f%n", codes.precision(), codes.recall());
        System.out.printf("links:   precision %.3f recall %.3f%n", links.precision(), links.recall());
        System.out.printf("replies: precision %.3f recall %.3f%n", replies.precision(), replies.recall());
        codes.misses.forEach(miss -> System.out.println("code miss  " + miss));
        links.misses.forEach(miss -> System.out.println("link miss  " + miss));
        replies.misses.forEach(miss -> System.out.println("reply miss " + miss));

        assertThat(codes.precision()).as("code precision").isGreaterThanOrEqualTo(TARGET);
        assertThat(codes.recall()).as("code recall").isGreaterThanOrEqualTo(TARGET);
        assertThat(links.precision()).as("link precision").isGreaterThanOrEqualTo(TARGET);
        assertThat(links.recall()).as("link recall").isGreaterThanOrEqualTo(TARGET);
        assertThat(replies.precision()).as("reply precision").isGreaterThanOrEqualTo(REPLY_TARGET);
        assertThat(replies.recall()).as("reply recall").isGreaterThanOrEqualTo(REPLY_TARGET);
    }

    private static String text(JsonNode expected, String field) {
        JsonNode value = expected.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(CorpusTest.class.getResource("/corpus").toURI());
    }
}
