package dev.agentmail.domain.port;

import dev.agentmail.domain.model.AttachmentText;

import java.io.InputStream;
import java.util.Optional;

/** Reads the text out of an attachment's bytes; never throws for what is in the bytes, it answers with a status. */
public interface AttachmentTextReader {
    AttachmentText read(InputStream content, long size, String contentType, Optional<String> filename);
}
