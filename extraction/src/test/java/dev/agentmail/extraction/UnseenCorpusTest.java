package dev.agentmail.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.mime.MessageParser;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyzer on mail it was not tuned on (unseen/, written by src/test/python/generate_corpus.py; see its README).
 * Tuning looks at the dev part only: its misses are printed one by one, the held-out part's only as counts per
 * category, and the thresholds apply to the held-out part.
 */
class UnseenCorpusTest {
    private static final double CODE_PRECISION = 0.99;
    private static final double CODE_RECALL = 0.98;
    private static final double LINK_PRECISION = 1.0;
    private static final double LINK_RECALL = 0.98;

    private static final class Score {
        int truePositives;
        int falsePositives;
        int falseNegatives;
        final List<String> misses = new ArrayList<>();
        final Map<String, Integer> missesByCategory = new TreeMap<>();

        void count(String name, String category, Optional<String> found, String expected) {
            if (expected == null && found.isEmpty()) {
                return;
            }
            if (expected != null && found.isPresent() && found.get().equals(expected)) {
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
            missesByCategory.merge(category + (found.isPresent() ? " (wrong)" : " (missed)"), 1, Integer::sum);
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        String figures() {
            return String.format("precision %.3f recall %.3f (%d right, %d wrong, %d missed)", precision(), recall(),
                truePositives, falsePositives, falseNegatives);
        }
    }

    @Test
    void holdsOnMailItWasNotTunedOn() throws Exception {
        Path corpus = Path.of(UnseenCorpusTest.class.getResource("/unseen").toURI());
        JsonNode manifest = new ObjectMapper().readTree(corpus.resolve("manifest.json").toFile());
        Map<String, Score> codes = Map.of("dev", new Score(), "heldout", new Score());
        Map<String, Score> links = Map.of("dev", new Score(), "heldout", new Score());
        Set<String> languages = new HashSet<>();
        int negatives = 0;
        int linkMails = 0;
        ReadingAnalyzer analyzer = new ReadingAnalyzer();
        long analyzing = 0;
        for (JsonNode mail : manifest) {
            String file = mail.get("file").asText();
            String split = mail.get("split").asText();
            String category = mail.get("group").asText();
            MessageContent content;
            try (InputStream raw = Files.newInputStream(corpus.resolve(file))) {
                content = MessageParser.parse(raw);
            }
            long started = System.nanoTime();
            Analysis analysis = analyzer.analyze(content);
            analyzing += System.nanoTime() - started;
            codes.get(split).count(file, category, analysis.code(), text(mail, "code"));
            links.get(split).count(file, category, analysis.link(), text(mail, "link"));
            languages.add(mail.get("language").asText());
            negatives += mail.get("category").asText().equals("negative") ? 1 : 0;
            linkMails += text(mail, "link") != null ? 1 : 0;
        }

        System.out.printf("unseen corpus of %d mails in %d languages, %d hard negatives, %d link mails, read in %d ms%n",
            manifest.size(), languages.size(), negatives, linkMails, analyzing / 1_000_000);
        for (String split : List.of("dev", "heldout")) {
            System.out.printf("%-8s codes: %s%n", split, codes.get(split).figures());
            System.out.printf("%-8s links: %s%n", split, links.get(split).figures());
        }
        codes.get("dev").misses.forEach(miss -> System.out.println("dev code miss  " + miss));
        links.get("dev").misses.forEach(miss -> System.out.println("dev link miss  " + miss));
        codes.get("heldout").missesByCategory.forEach((category, count) ->
            System.out.println("held-out code misses in " + category + ": " + count));
        links.get("heldout").missesByCategory.forEach((category, count) ->
            System.out.println("held-out link misses in " + category + ": " + count));

        assertThat(manifest.size()).as("mails in the corpus").isGreaterThanOrEqualTo(300);
        assertThat(languages).as("languages").hasSizeGreaterThanOrEqualTo(20);
        assertThat(negatives).as("hard negatives").isGreaterThanOrEqualTo(80);
        assertThat(linkMails).as("link mails").isGreaterThanOrEqualTo(40);
        Score heldOutCodes = codes.get("heldout");
        Score heldOutLinks = links.get("heldout");
        assertThat(heldOutCodes.precision()).as("held-out code precision").isGreaterThanOrEqualTo(CODE_PRECISION);
        assertThat(heldOutCodes.recall()).as("held-out code recall").isGreaterThanOrEqualTo(CODE_RECALL);
        assertThat(heldOutLinks.precision()).as("held-out link precision").isGreaterThanOrEqualTo(LINK_PRECISION);
        assertThat(heldOutLinks.recall()).as("held-out link recall").isGreaterThanOrEqualTo(LINK_RECALL);
    }

    private static String text(JsonNode mail, String field) {
        JsonNode value = mail.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
