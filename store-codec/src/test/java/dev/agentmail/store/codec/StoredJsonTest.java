package dev.agentmail.store.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.store.StorageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredJsonTest {
    private static final ObjectMapper TREES = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"jdbc", "cassandra"})
    void rowsWrittenByThePreviousVersionStillRead(String backend) {
        assertThat(StoredJson.readContent(previous(backend, "message-content-full.json")))
            .isEqualTo(StoredSamples.FULL_CONTENT);
        assertThat(StoredJson.readContent(previous(backend, "message-content-sparse.json")))
            .isEqualTo(StoredSamples.SPARSE_CONTENT);
        assertThat(StoredJson.readAnalysis(previous(backend, "message-analysis-full.json")))
            .isEqualTo(StoredSamples.FULL_ANALYSIS);
        assertThat(StoredJson.readAnalysis(previous(backend, "message-analysis-sparse.json")))
            .isEqualTo(StoredSamples.SPARSE_ANALYSIS);
        assertThat(StoredJson.readRecords(previous(backend, "domain-records.json"))).isEqualTo(StoredSamples.RECORDS);
    }

    @Test
    void labelsWrittenByThePreviousVersionStillRead() {
        assertThat(StoredJson.readLabels(previous("jdbc", "message-labels-full.json"))).isEqualTo(StoredSamples.FULL_LABELS);
        assertThat(StoredJson.readLabels(previous("jdbc", "message-labels-sparse.json"))).isEqualTo(StoredSamples.SPARSE_LABELS);
    }

    /** The analysis migration V5 filled in for messages indexed before analysis existed. */
    @Test
    void analysisOfMessagesIndexedBeforeAnalysisReadsAsNone() {
        assertThat(StoredJson.readAnalysis(
            "{\"code\":null,\"codeSentence\":null,\"link\":null,\"extractedText\":null,\"extractedHtml\":null}"))
            .isEqualTo(Analysis.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc", "cassandra"})
    void writesTheFormatThePreviousVersionWrote(String backend) throws IOException {
        assertSameJson(StoredJson.write(StoredSamples.FULL_CONTENT), previous(backend, "message-content-full.json"));
        assertSameJson(StoredJson.write(StoredSamples.SPARSE_CONTENT), previous(backend, "message-content-sparse.json"));
        assertSameJson(StoredJson.write(StoredSamples.FULL_ANALYSIS), previous(backend, "message-analysis-full.json"));
        assertSameJson(StoredJson.write(StoredSamples.SPARSE_ANALYSIS), previous(backend, "message-analysis-sparse.json"));
        assertSameJson(StoredJson.writeRecords(StoredSamples.RECORDS), previous(backend, "domain-records.json"));
    }

    @Test
    void writesLabelsAsThePreviousVersionDid() {
        assertThat(StoredJson.writeLabels(StoredSamples.FULL_LABELS)).isEqualTo(previous("jdbc", "message-labels-full.json"));
        assertThat(StoredJson.writeLabels(StoredSamples.SPARSE_LABELS)).isEqualTo(previous("jdbc", "message-labels-sparse.json"));
    }

    /** Rows written before authentication existed have none; so does content written without it, as before. */
    @Test
    void contentWithoutAuthenticationHasNone() {
        assertThat(StoredJson.readContent(previous("jdbc", "message-content-full.json")).authentication()).isEmpty();
        assertThat(StoredJson.readContent(StoredJson.write(StoredSamples.SPARSE_CONTENT)).authentication()).isEmpty();
    }

    @Test
    void authenticationIsWrittenAndReadBack() throws IOException {
        String written = StoredJson.write(StoredSamples.AUTHENTICATED_CONTENT);

        assertSameJson(written, stored("stored-json-v1/message-content-authenticated.json"));
        assertThat(StoredJson.readContent(stored("stored-json-v1/message-content-authenticated.json")))
            .isEqualTo(StoredSamples.AUTHENTICATED_CONTENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spf", "dkim", "dmarc"})
    void authenticationWithoutAResultFailsToRead(String result) throws IOException {
        ObjectNode content = (ObjectNode) TREES.readTree(stored("stored-json-v1/message-content-authenticated.json"));
        ((ObjectNode) content.get("authentication")).remove(result);

        assertThatThrownBy(() -> StoredJson.readContent(content.toString()))
            .isInstanceOf(StorageException.class).hasStackTraceContaining(result);
    }

    @Test
    void anUnknownAuthenticationResultFailsToRead() throws IOException {
        ObjectNode content = (ObjectNode) TREES.readTree(stored("stored-json-v1/message-content-authenticated.json"));
        ((ObjectNode) content.get("authentication")).put("dkim", "maybe");

        assertThatThrownBy(() -> StoredJson.readContent(content.toString())).isInstanceOf(StorageException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"subject", "text", "headers", "attachments"})
    void aMissingPropertyFailsToRead(String property) throws IOException {
        ObjectNode content = (ObjectNode) TREES.readTree(previous("jdbc", "message-content-full.json"));
        content.remove(property);

        assertThatThrownBy(() -> StoredJson.readContent(content.toString()))
            .isInstanceOf(StorageException.class).hasMessageContaining("message content")
            .hasStackTraceContaining(property);
    }

    /** A renamed property is an unknown one, ignored, and a missing one, which fails: no value is dropped unseen. */
    @Test
    void aRenamedPropertyFailsToRead() throws IOException {
        ObjectNode analysis = (ObjectNode) TREES.readTree(previous("jdbc", "message-analysis-full.json"));
        analysis.set("verificationCode", analysis.remove("code"));

        assertThatThrownBy(() -> StoredJson.readAnalysis(analysis.toString())).isInstanceOf(StorageException.class);
    }

    @Test
    void aNullWhereAValueIsRequiredFailsToRead() throws IOException {
        ObjectNode content = (ObjectNode) TREES.readTree(previous("jdbc", "message-content-full.json"));
        content.putNull("from");

        assertThatThrownBy(() -> StoredJson.readContent(content.toString()))
            .isInstanceOf(StorageException.class).hasStackTraceContaining("from");
        assertThatThrownBy(() -> StoredJson.readAnalysis("null")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> StoredJson.readLabels("[\"unread\", null]")).isInstanceOf(StorageException.class);
    }

    @Test
    void aRecordOfAnUnknownTypeFailsToRead() {
        assertThatThrownBy(() -> StoredJson.readRecords(
            "[{\"type\":\"CNAME\",\"name\":\"a\",\"value\":\"b\",\"priority\":null,\"status\":\"VALID\"}]"))
            .isInstanceOf(StorageException.class).hasMessageContaining("DNS records");
    }

    /** What a newer version may add; this one reads on, which a rolling upgrade needs. */
    @Test
    void anUnknownPropertyIsIgnored() throws IOException {
        ObjectNode content = (ObjectNode) TREES.readTree(previous("cassandra", "message-content-full.json"));
        content.put("priority", "high");
        ((ObjectNode) content.withArray("attachments").get(0)).put("sha256", "00ff");

        assertThat(StoredJson.readContent(content.toString())).isEqualTo(StoredSamples.FULL_CONTENT);
    }

    private static void assertSameJson(String written, String previous) throws IOException {
        assertThat(TREES.readTree(written)).isEqualTo(TREES.readTree(previous));
    }

    private static String previous(String backend, String file) {
        return stored("stored-json-v0/" + backend + "/" + file);
    }

    private static String stored(String path) {
        try (InputStream in = StoredJsonTest.class.getResourceAsStream("/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
