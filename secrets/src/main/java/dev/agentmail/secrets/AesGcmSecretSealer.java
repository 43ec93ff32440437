package dev.agentmail.secrets;

import dev.agentmail.domain.port.SecretSealer;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM from the JDK. A sealed value is {@code sealed:v1:} + base64 of a random 96-bit nonce, the ciphertext and
 * the 128-bit tag; the context is the associated data, so a value moved to another row does not open. The prefix
 * tells sealed values from the clear ones earlier versions stored (a {@code whsec_} secret, a base64 PKCS#8 key), and
 * its version leaves room for another scheme or key later.
 */
public final class AesGcmSecretSealer implements SecretSealer {
    static final String PREFIX = "sealed:v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public AesGcmSecretSealer(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key is " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public String seal(String context, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, context, nonce, secret.getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
            .put(nonce).put(sealed).array());
    }

    @Override
    public String open(String context, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw unreadable(context, e);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw unreadable(context, null);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        byte[] sealed = new byte[bytes.length - NONCE_BYTES];
        ByteBuffer.wrap(bytes).get(nonce).get(sealed);
        return new String(crypt(Cipher.DECRYPT_MODE, context, nonce, sealed), StandardCharsets.UTF_8);
    }

    @Override
    public boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    private byte[] crypt(int mode, String context, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw unreadable(context, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is part of every JVM", e);
        }
    }

    private static UnreadableSecretException unreadable(String context, Exception cause) {
        return new UnreadableSecretException("the secret of " + context + " does not open with this secret key: it was "
            + "sealed with another key (AGENTMAIL_SECRET_KEY_FILE), or altered", cause);
    }

    @Override
    public String toString() {
        return "AesGcmSecretSealer[key=(hidden)]";
    }
}
