package dev.agentmail.domain.service;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Makes and hashes API key secrets. A key is {@code inai_<8 chars>_<40 chars>} of base62: about 285 random
 * bits, so a fast unsalted SHA-256 is enough to store it (nothing to brute-force) and lets us look it up by hash.
 */
public final class ApiKeySecrets {
    public static final String PREFIX = "inai_";
    private static final int MIN_LENGTH = 12;
    private static final int SHOWN_LENGTH = 14;

    private ApiKeySecrets() {
    }

    public static String generate() {
        return PREFIX + Ids.base62(8) + "_" + Ids.base62(40);
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The part of a key that listings show: enough to recognise it, far too little to use it. */
    public static String displayPrefix(String secret) {
        return secret.substring(0, Math.min(SHOWN_LENGTH, secret.length())) + "...";
    }

    /** Checks an operator-chosen key, such as AGENTMAIL_BOOTSTRAP_KEY, before it is accepted. */
    public static String validateChosen(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new InvalidInputException("key", "an API key must start with " + PREFIX);
        }
        if (secret.length() < MIN_LENGTH || !secret.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new InvalidInputException("key",
                "an API key must be at least " + MIN_LENGTH + " printable ASCII characters without spaces");
        }
        return secret;
    }
}
