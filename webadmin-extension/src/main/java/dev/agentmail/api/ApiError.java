package dev.agentmail.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one body of every 4xx and 5xx answer: a stable machine-readable {@code error} code, a sentence for
 * people, the HTTP status, and for invalid input the offending request field.
 */
public record ApiError(String error, String message, int status,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String field) {
    public static ApiError of(int status, String error, String message) {
        return new ApiError(error, message, status, null);
    }
}
