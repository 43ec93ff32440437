package dev.agentmail.domain.store;

/** The store could not be reached or failed; the request may succeed later. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
