package dev.agentmail.domain.model;

import java.security.SecureRandom;

/** Random, URL-safe identifiers; prefixed ones say what they name ({@code org_}, {@code key_}). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final char[] LOWER_ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {
    }

    public static String organization() {
        return "org_" + base62(20);
    }

    public static String apiKey() {
        return "key_" + base62(20);
    }

    public static String message() {
        return "msg_" + base62(22);
    }

    public static String thread() {
        return "thr_" + base62(22);
    }

    public static String attachment() {
        return "att_" + base62(16);
    }

    public static String webhook() {
        return "wh_" + base62(20);
    }

    public static String draft() {
        return "drf_" + base62(22);
    }

    public static String event() {
        return "evt_" + base62(22);
    }

    public static String delivery() {
        return "dlv_" + base62(22);
    }

    /** Inbox ids appear in URLs and are typed by people: lower-case only, no prefix, as in the spec. */
    public static String inbox() {
        return random(LOWER_ALPHANUMERIC, 24);
    }

    public static String base62(int length) {
        return random(BASE62, length);
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
