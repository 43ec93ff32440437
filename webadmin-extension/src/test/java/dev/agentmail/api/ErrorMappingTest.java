package dev.agentmail.api;

import dev.agentmail.api.dto.CreateInboxRequest;
import dev.agentmail.api.dto.LabelsRequest;
import dev.agentmail.api.dto.NameRequest;
import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.error.ForbiddenException;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.LimitExceededException;
import dev.agentmail.domain.error.RateLimitedException;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.error.PayloadTooLargeException;
import dev.agentmail.domain.error.UnverifiedDomainException;
import dev.agentmail.domain.store.AddressTakenException;
import dev.agentmail.domain.store.StorageException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import javax.ws.rs.BadRequestException;
import javax.ws.rs.NotAcceptableException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Every failure becomes the documented {@link ApiError}: the status and code of the OpenAPI document. */
class ErrorMappingTest {
    @Test
    void invalidInputIs400InvalidRequestNamingTheField() {
        ApiError error = ErrorMapping.toError(new InvalidInputException("username", "username is required"));

        assertThat(error).isEqualTo(new ApiError("invalid_request", "username is required", 400, "username"));
    }

    @Test
    void invalidInputWithoutAFieldHasNoField() {
        assertThat(ErrorMapping.toError(new InvalidInputException(null, "bad")).field()).isNull();
    }

    @Test
    void notFoundIs404() {
        assertThat(ErrorMapping.toError(new NotFoundException("inbox", "nk8x2j")))
            .isEqualTo(ApiError.of(404, "not_found", "inbox 'nk8x2j' not found"));
    }

    @Test
    void conflictIs409AndSoIsATakenAddress() {
        assertThat(ErrorMapping.toError(new ConflictException("clash")))
            .isEqualTo(ApiError.of(409, "conflict", "clash"));
        assertThat(ErrorMapping.toError(new AddressTakenException("a@b.com")))
            .isEqualTo(ApiError.of(409, "conflict", "the address a@b.com is already taken"));
    }

    @Test
    void limitExceededIs403LimitExceeded() {
        assertThat(ErrorMapping.toError(new LimitExceededException("limit of 50 inboxes")))
            .isEqualTo(ApiError.of(403, "limit_exceeded", "limit of 50 inboxes"));
    }

    @Test
    void aSendingLimitIs429RateLimitedWithRetryAfter() {
        RateLimitedException limited = new RateLimitedException("the organization may send to 5 recipients per day",
            Duration.ofMillis(12_001));

        assertThat(ErrorMapping.toError(limited)).isEqualTo(ApiError.of(429, "rate_limited",
            "the organization may send to 5 recipients per day; retry in 13 s"));
        Response response = new ThrowableMapper().toResponse(limited);
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("13");
    }

    @Test
    void forbiddenIs403Forbidden() {
        assertThat(ErrorMapping.toError(new ForbiddenException("expired")))
            .isEqualTo(ApiError.of(403, "forbidden", "expired"));
    }

    /** The domain says what is wrong; the REST layer adds what to call about it. */
    @Test
    void anUnverifiedDomainIs403NamingTheCallThatVerifiesIt() {
        assertThat(ErrorMapping.toError(new UnverifiedDomainException("example.com"))).isEqualTo(ApiError.of(403,
            "forbidden", "the domain example.com is not verified yet: publish its DNS records, then POST"
                + " /api/v0/domains/example.com/verify"));
    }

    @Test
    void payloadTooLargeIs413() {
        assertThat(ErrorMapping.toError(new PayloadTooLargeException("too big")))
            .isEqualTo(ApiError.of(413, "payload_too_large", "too big"));
    }

    @Test
    void storageFailureIs503WithoutItsDetails() {
        ApiError error = ErrorMapping.toError(new StorageException("connection to db.internal:5432 refused",
            new RuntimeException("password=hunter2")));

        assertThat(error.status()).isEqualTo(503);
        assertThat(error.error()).isEqualTo("unavailable");
        assertThat(error.message()).doesNotContain("db.internal", "hunter2");
    }

    @Test
    void anUnansweredDnsLookupIs503() {
        ApiError error = ErrorMapping.toError(new dev.agentmail.domain.port.DnsLookup.UnavailableException(
            "the DNS lookup of TXT example.com failed: timed out", null));

        assertThat(error.status()).isEqualTo(503);
        assertThat(error.error()).isEqualTo("unavailable");
    }

    @Test
    void unexpectedFailureIs500WithoutLeakingItsMessage() {
        ApiError error = ErrorMapping.toError(new IllegalStateException("secret internal detail /etc/passwd"));

        assertThat(error).isEqualTo(ApiError.of(500, "internal_error", "an unexpected error occurred"));
        assertThat(ErrorMapping.toError(new NullPointerException("x.y() is null")).message())
            .doesNotContain("null").isEqualTo("an unexpected error occurred");
    }

    @Test
    void malformedJsonIs400InvalidJson() {
        ApiError error = ErrorMapping.toError(jacksonFailure("{\"name\": ", NameRequest.class));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.error()).isEqualTo("invalid_json");
        assertThat(error.field()).isNull();
        assertThat(error.message()).doesNotContain("NameRequest", "dev.agentmail", "Source");
    }

    @Test
    void garbageIs400InvalidJson() {
        ApiError error = ErrorMapping.toError(jacksonFailure("name=x", NameRequest.class));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.error()).isEqualTo("invalid_json");
    }

    @Test
    void aBodyThatIsNotAnObjectIs400InvalidJson() {
        for (String body : new String[]{"[]", "\"x\"", "7", "true"}) {
            ApiError error = ErrorMapping.toError(jacksonFailure(body, NameRequest.class));
            assertThat(error.status()).as(body).isEqualTo(400);
            assertThat(error.error()).as(body).isEqualTo("invalid_json");
            assertThat(error.message()).as(body).isEqualTo("the request body must be a JSON object");
        }
    }

    @Test
    void unknownPropertyIs400NamingIt() {
        ApiError error = ErrorMapping.toError(jacksonFailure("{\"name\":\"k\",\"colour\":\"red\"}", NameRequest.class));

        assertThat(error).isEqualTo(new ApiError("invalid_request", "unknown field 'colour'", 400, "colour"));
    }

    @Test
    void numberWhereTextIsExpectedIs400NamingTheField() {
        ApiError error = ErrorMapping.toError(jacksonFailure("{\"name\": 42}", NameRequest.class));

        assertThat(error).isEqualTo(new ApiError("invalid_request", "field 'name' has the wrong type", 400, "name"));
    }

    @Test
    void wrongTypeOfASnakeCaseFieldNamesItInSnakeCase() {
        ApiError error = ErrorMapping.toError(
            jacksonFailure("{\"username\":\"a\",\"display_name\": false}", CreateInboxRequest.class));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.error()).isEqualTo("invalid_request");
        assertThat(error.field()).isEqualTo("display_name");
    }

    @Test
    void objectWhereTextIsExpectedIs400NamingTheField() {
        ApiError error = ErrorMapping.toError(jacksonFailure("{\"name\": {\"first\": \"a\"}}", NameRequest.class));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.field()).isEqualTo("name");
    }

    @Test
    void wrongTypeInsideAListNamesTheListAndTheIndex() {
        ApiError error = ErrorMapping.toError(jacksonFailure("{\"labels\": [\"a\", 7]}", LabelsRequest.class));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.error()).isEqualTo("invalid_request");
        assertThat(error.field()).startsWith("labels").contains("1");
    }

    @Test
    void mapperAnswersTheErrorAsJsonWithItsStatus() {
        Response response = new ThrowableMapper().toResponse(new NotFoundException("inbox", "x"));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(response.getEntity()).isEqualTo(ApiError.of(404, "not_found", "inbox 'x' not found"));
    }

    @Test
    void mapperKeepsAnErrorBodyAResourceAlreadyChose() {
        ApiError chosen = ErrorMapping.invalidJson("a JSON object body is required");
        Response response = new ThrowableMapper().toResponse(
            new BadRequestException(Response.status(400).entity(chosen).type(MediaType.APPLICATION_JSON_TYPE).build()));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getEntity()).isEqualTo(chosen);
    }

    @Test
    void jaxRsRefusalsKeepTheirStatusInTheErrorShape() {
        ThrowableMapper mapper = new ThrowableMapper();

        assertThat((ApiError) mapper.toResponse(new javax.ws.rs.NotFoundException()).getEntity())
            .extracting(ApiError::status, ApiError::error).containsExactly(404, "not_found");
        assertThat((ApiError) mapper.toResponse(new NotAllowedException("GET")).getEntity())
            .extracting(ApiError::status, ApiError::error).containsExactly(405, "method_not_allowed");
        assertThat((ApiError) mapper.toResponse(new NotAcceptableException()).getEntity())
            .extracting(ApiError::status, ApiError::error).containsExactly(406, "not_acceptable");
        assertThat((ApiError) mapper.toResponse(new NotSupportedException()).getEntity())
            .extracting(ApiError::status, ApiError::error).containsExactly(415, "unsupported_media_type");
        assertThat((ApiError) mapper.toResponse(new BadRequestException()).getEntity())
            .extracting(ApiError::status).isEqualTo(400);
        assertThat((ApiError) mapper.toResponse(new javax.ws.rs.InternalServerErrorException("db password=x")).getEntity())
            .isEqualTo(ApiError.of(500, "internal_error", "an unexpected error occurred"));
    }

    @Test
    void mapperHidesUnexpectedFailures() {
        Response response = new ThrowableMapper().toResponse(new RuntimeException("stack detail"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((ApiError) response.getEntity()).message()).doesNotContain("stack detail");
    }

    private static Throwable jacksonFailure(String json, Class<?> type) {
        Throwable failure = catchThrowable(() -> JsonMapper.get().readValue(json, type));
        assertThat(failure).as("reading %s as %s", json, type.getSimpleName()).isNotNull();
        return failure;
    }
}
