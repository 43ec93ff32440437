package dev.agentmail.mime;

import dev.agentmail.domain.model.Authentication;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationResultsTest {
    private static final String ID = "mx.example.org";

    @Test
    void whatWeWriteReadsBack() {
        Authentication results = new Authentication("softfail", "pass", "fail");
        String value = AuthenticationResults.format(ID, results, "bounce@a.test", "a.test", "b.test");
        assertThat(value).startsWith(ID + ";").contains("spf=softfail smtp.mailfrom=bounce@a.test",
            "dkim=pass header.d=a.test", "dmarc=fail header.from=b.test");
        assertThat(AuthenticationResults.read(ID, value)).contains(results);
        assertThat(AuthenticationResults.format(ID, results, "helo.a.test", "", "")).contains("smtp.helo=helo.a.test");
    }

    @Test
    void onlyAFieldClaimingOurAuthservIdCounts() {
        assertThat(AuthenticationResults.claims(ID, "MX.Example.ORG; spf=pass")).isTrue();
        assertThat(AuthenticationResults.claims(ID, "mx.example.org 1; spf=pass")).isTrue();
        assertThat(AuthenticationResults.claims(ID, " (comment) mx.example.org;none")).isTrue();
        assertThat(AuthenticationResults.claims(ID, "mx.example.org.evil; spf=pass")).isFalse();
        assertThat(AuthenticationResults.read(ID, "relay.example; spf=pass; dkim=pass; dmarc=pass")).isEmpty();
    }

    @Test
    void methodsNotNamedAreNoneAndCommentsAndVersionsAreIgnored() {
        assertThat(AuthenticationResults.read(ID, "mx.example.org; dkim/1=fail (bad signature) header.d=a.test; arc=pass"))
            .contains(new Authentication("none", "fail", "none"));
        assertThat(AuthenticationResults.read(ID, "mx.example.org; none")).contains(new Authentication("none", "none", "none"));
    }

    @Test
    void theParserTakesOurFieldOnlyForReceivedMail() {
        String raw = "Authentication-Results: relay.example; spf=fail\r\n"
            + "Authentication-Results: mx.example.org;\r\n\tspf=pass smtp.mailfrom=a@a.test;\r\n\tdkim=none;\r\n\tdmarc=pass\r\n"
            + "From: a@a.test\r\nSubject: hi\r\n\r\nbody\r\n";
        assertThat(MessageParser.parse(stream(raw), Optional.of(ID)).authentication())
            .contains(new Authentication("pass", "none", "pass"));
        assertThat(MessageParser.parse(stream(raw)).authentication()).isEmpty();
    }

    private static ByteArrayInputStream stream(String raw) {
        return new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII));
    }
}
