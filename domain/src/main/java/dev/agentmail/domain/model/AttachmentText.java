package dev.agentmail.domain.model;

import java.util.Locale;
import java.util.Optional;

/** The text of an attachment, once read, or why there is none. */
public record AttachmentText(Status status, Optional<String> text) {
    public enum Status {
        /** Not read yet: reading runs in the background after the mail is stored. */
        PENDING,
        READY,
        /** A format no text is read from (images, archives, anything not a document). */
        UNSUPPORTED,
        /** Over the limits on bytes or characters. */
        TOO_LARGE,
        /** Corrupt, encrypted, a decompression bomb, or over the time or nesting limits. */
        FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AttachmentText {
        if (status == Status.READY && text.isEmpty()) {
            throw new IllegalArgumentException("ready text needs its text");
        }
    }

    public static AttachmentText of(Status status) {
        return new AttachmentText(status, Optional.empty());
    }

    public static AttachmentText ready(String text) {
        return new AttachmentText(Status.READY, Optional.of(text));
    }
}
