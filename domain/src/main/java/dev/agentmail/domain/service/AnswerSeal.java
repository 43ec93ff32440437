package dev.agentmail.domain.service;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Encrypts a stored idempotent answer with AES-256-GCM under a key derived from the organization and the caller's
 * Idempotency-Key: the store alone cannot read it, and the caller who repeats the request can.
 */
final class AnswerSeal {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AnswerSeal() {
    }

    /** @return base64 of the random nonce followed by the ciphertext and its tag */
    static String seal(String organizationId, String key, String answer) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, organizationId, key, nonce);
            byte[] sealed = cipher.doFinal(answer.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    static String open(String organizationId, String key, String stored) {
        byte[] bytes = Base64.getDecoder().decode(stored);
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(bytes, 0, nonce, 0, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, organizationId, key, nonce);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // The key and organization matched the stored hash: only a corrupted row gets here.
            throw new IllegalStateException("a stored idempotent answer could not be decrypted", e);
        }
    }

    private static Cipher cipher(int mode, String organizationId, String key, byte[] nonce)
        throws GeneralSecurityException {
        byte[] secret = HexFormat.of().parseHex(IdempotentRequests.fingerprint("answer seal", organizationId, key));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(secret, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(organizationId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
