package dev.agentmail.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.error.IdempotencyConflictException;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.LimitExceededException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.error.PayloadTooLargeException;
import dev.agentmail.domain.error.RateLimitedException;
import dev.agentmail.domain.error.UnverifiedDomainException;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.domain.store.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/** Turns any failure into the documented error body; shared by the REST API and the operator routes. */
public final class ErrorMapping {
    private static final Logger LOGGER = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    public static ApiError toError(Throwable failure) {
        if (failure instanceof InvalidInputException invalid) {
            return new ApiError("invalid_request", invalid.getMessage(), 400, invalid.field().orElse(null));
        }
        if (failure instanceof NotFoundException) {
            return ApiError.of(404, "not_found", failure.getMessage());
        }
        if (failure instanceof IdempotencyConflictException) {
            return ApiError.of(422, "idempotency_conflict", failure.getMessage());
        }
        if (failure instanceof ConflictException) {
            return ApiError.of(409, "conflict", failure.getMessage());
        }
        if (failure instanceof UnverifiedDomainException unverified) {
            return ApiError.of(403, "forbidden", unverified.getMessage() + ": publish its DNS records, then POST"
                + " /api/v0/domains/" + unverified.domain() + "/verify");
        }
        if (failure instanceof ForbiddenException) {
            return ApiError.of(403, "forbidden", failure.getMessage());
        }
        if (failure instanceof PayloadTooLargeException) {
            return ApiError.of(413, "payload_too_large", failure.getMessage());
        }
        if (failure instanceof RateLimitedException) {
            return ApiError.of(429, "rate_limited", failure.getMessage());
        }
        if (failure instanceof LimitExceededException) {
            return ApiError.of(403, "limit_exceeded", failure.getMessage());
        }
        if (failure instanceof JsonProcessingException json) {
            return fromJson(json);
        }
        if (failure instanceof DnsLookup.UnavailableException) {
            LOGGER.warn("DNS lookup failed: {}", failure.getMessage());
            return ApiError.of(503, "unavailable", "the DNS resolver did not answer, retry later");
        }
        if (failure instanceof StorageException) {
            LOGGER.error("Storage failure", failure);
            return ApiError.of(503, "unavailable", "storage is unavailable, retry later");
        }
        LOGGER.error("Unexpected failure", failure);
        return ApiError.of(500, "internal_error", "an unexpected error occurred");
    }

    public static ApiError invalidJson(String message) {
        return ApiError.of(400, "invalid_json", message);
    }

    /** Jackson's own messages quote the input and name Java types: say the same in the API's terms. */
    private static ApiError fromJson(JsonProcessingException failure) {
        if (failure instanceof JsonParseException) {
            return invalidJson("the request body is not valid JSON");
        }
        if (failure instanceof JsonMappingException mapping) {
            String field = mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                    ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
            if (failure instanceof UnrecognizedPropertyException unknown) {
                return new ApiError("invalid_request", "unknown field '" + unknown.getPropertyName() + "'", 400,
                    unknown.getPropertyName());
            }
            if (failure instanceof InvalidFormatException || failure instanceof MismatchedInputException) {
                if (field.isEmpty()) {
                    return invalidJson("the request body must be a JSON object");
                }
                return new ApiError("invalid_request", "field '" + field + "' has the wrong type", 400, field);
            }
        }
        return invalidJson("the request body could not be read as JSON");
    }
}
