package dev.agentmail.app;

/** Signed links (payload.signature, base64url) as an attacker would alter them. */
final class SignedLinks {
    private SignedLinks() {
    }

    /**
     * The link with the first character of its signature changed. Not the last: its low bits are padding the decoder
     * drops, so changing them alone can leave the signature as it was and the link valid.
     */
    static String tampered(String link) {
        int signature = link.lastIndexOf('.') + 1;
        return link.substring(0, signature) + (link.charAt(signature) == 'A' ? 'B' : 'A') + link.substring(signature + 1);
    }
}
