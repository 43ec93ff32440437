package dev.agentmail.store.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.model.Authentication;

/** {@link Authentication} as stored inside a message's content. */
record StoredAuthentication(
    @JsonProperty(value = "spf", required = true) String spf,
    @JsonProperty(value = "dkim", required = true) String dkim,
    @JsonProperty(value = "dmarc", required = true) String dmarc) {

    static StoredAuthentication of(Authentication authentication) {
        return new StoredAuthentication(authentication.spf(), authentication.dkim(), authentication.dmarc());
    }

    /** Fails, as a stored row that cannot be read, on a missing or unknown result. */
    Authentication toDomain() {
        return new Authentication(spf, dkim, dmarc);
    }
}
