package dev.agentmail.store.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.model.Analysis;

import java.util.Optional;

/** {@link Analysis} as stored: each finding, {@code null} when there was none, but always written. */
record StoredAnalysis(
    @JsonProperty(value = "code", required = true) String code,
    @JsonProperty(value = "codeSentence", required = true) String codeSentence,
    @JsonProperty(value = "link", required = true) String link,
    @JsonProperty(value = "extractedText", required = true) String extractedText,
    @JsonProperty(value = "extractedHtml", required = true) String extractedHtml) {

    static StoredAnalysis of(Analysis analysis) {
        return new StoredAnalysis(analysis.code().orElse(null), analysis.codeSentence().orElse(null),
            analysis.link().orElse(null), analysis.extractedText().orElse(null), analysis.extractedHtml().orElse(null));
    }

    Analysis toDomain() {
        return new Analysis(Optional.ofNullable(code), Optional.ofNullable(codeSentence), Optional.ofNullable(link),
            Optional.ofNullable(extractedText), Optional.ofNullable(extractedHtml));
    }
}
