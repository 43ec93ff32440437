package dev.agentmail.domain.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkSignerTest {
    private final LinkSigner signer = new LinkSigner(new byte[32]);

    @Test
    void aSignedTokenGivesBackItsPayload() {
        assertThat(signer.verify(signer.sign("org\ninbox\nmsg\natt\n123"))).contains("org\ninbox\nmsg\natt\n123");
    }

    @Test
    void anAlteredTokenOrAnotherKeysTokenIsRefused() {
        String token = signer.sign("org\ninbox\nmsg\natt\n123");
        String otherPayload = signer.sign("org\ninbox\nmsg\natt\n999");
        String forged = otherPayload.substring(0, otherPayload.indexOf('.')) + token.substring(token.indexOf('.'));

        assertThat(signer.verify(forged)).isEmpty();
        assertThat(new LinkSigner(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
            23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).verify(token)).isEmpty();
        assertThat(signer.verify("garbage")).isEmpty();
        assertThat(signer.verify("not.base64!")).isEmpty();
        assertThat(signer.verify(null)).isEmpty();
    }
}
