package dev.agentmail.secrets;

import dev.agentmail.domain.port.SecretSealer;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesGcmSecretSealerTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw0123456789ab";
    private static final String CONTEXT = "webhook:wh_1";

    private final byte[] key = randomKey();
    private final SecretSealer sealer = new AesGcmSecretSealer(key);

    @Test
    void aSealedSecretOpensToItselfAndDoesNotShowIt() {
        String sealed = sealer.seal(CONTEXT, SECRET);

        assertThat(sealed).startsWith("sealed:v1:").doesNotContain(SECRET).doesNotContain(SECRET.substring(6));
        assertThat(sealer.isSealed(sealed)).isTrue();
        assertThat(sealer.open(CONTEXT, sealed)).isEqualTo(SECRET);
    }

    @Test
    void eachSealUsesANewNonce() {
        assertThat(sealer.seal(CONTEXT, SECRET)).isNotEqualTo(sealer.seal(CONTEXT, SECRET));
    }

    @Test
    void aClearValueOfAnEarlierVersionIsReadAsItIs() {
        assertThat(sealer.isSealed(SECRET)).isFalse();
        assertThat(sealer.open(CONTEXT, SECRET)).isEqualTo(SECRET);
    }

    @Test
    void anAlteredValueIsRefused() {
        String sealed = sealer.seal(CONTEXT, SECRET);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(AesGcmSecretSealer.PREFIX.length()));
        for (int i : new int[] {0, 12, bytes.length - 1}) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 1;
            String altered = AesGcmSecretSealer.PREFIX + Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> sealer.open(CONTEXT, altered))
                .isInstanceOf(SecretSealer.UnreadableSecretException.class)
                .hasMessageContaining(CONTEXT)
                .hasMessageNotContaining(altered);
        }
        assertThatThrownBy(() -> sealer.open(CONTEXT, sealed.substring(0, sealed.length() - 4)))
            .isInstanceOf(SecretSealer.UnreadableSecretException.class);
        assertThatThrownBy(() -> sealer.open(CONTEXT, AesGcmSecretSealer.PREFIX + "not base64!"))
            .isInstanceOf(SecretSealer.UnreadableSecretException.class);
        assertThatThrownBy(() -> sealer.open(CONTEXT, AesGcmSecretSealer.PREFIX + "AAAA"))
            .isInstanceOf(SecretSealer.UnreadableSecretException.class);
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String sealed = sealer.seal(CONTEXT, SECRET);

        assertThatThrownBy(() -> new AesGcmSecretSealer(randomKey()).open(CONTEXT, sealed))
            .isInstanceOf(SecretSealer.UnreadableSecretException.class)
            .hasMessageContaining("AGENTMAIL_SECRET_KEY_FILE");
    }

    @Test
    void itOpensForItsOwnContextOnly() {
        String sealed = sealer.seal(CONTEXT, SECRET);

        assertThatThrownBy(() -> sealer.open("webhook:wh_2", sealed))
            .isInstanceOf(SecretSealer.UnreadableSecretException.class);
    }

    @Test
    void neitherTheKeyNorASecretShowsInItsName() {
        sealer.seal(CONTEXT, SECRET);

        assertThat(sealer.toString()).doesNotContain(Base64.getEncoder().encodeToString(key)).doesNotContain(SECRET)
            .contains("hidden");
    }

    @Test
    void onlyA256BitKeyIsTaken() {
        assertThatThrownBy(() -> new AesGcmSecretSealer(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
