package dev.agentmail.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.api.resource.OpenApiResource;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds every answer the tests receive to the OpenAPI document the server serves: its status, headers and body.
 * An answer the document does not describe fails the test that received it, so the document cannot drift.
 * Only answers are checked: the tests send malformed requests on purpose.
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiContract API = new OpenApiContract(document(false), "Error");
    private static final OpenApiContract OPERATOR_ROUTES = new OpenApiContract(document(true), "WebAdminError");

    /** The validator's keys for a request to a route the document does not have. */
    private static final Set<String> UNROUTED = Set.of("validation.request.path.missing",
        "validation.request.operation.notAllowed");
    /** Refusals Jetty answers before any route is chosen, whatever the route. */
    private static final Set<Integer> REFUSED_BEFORE_ROUTING = Set.of(414, 431);
    private static final String BODY_MISSING = "validation.response.body.missing";

    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;
    private final Schema<?> error;
    private final Schema<?> v1Error = new Schema<>().$ref("#/components/schemas/V1Error");

    private OpenApiContract(String document, String errorSchema) {
        // allOf merged into one schema: the validator refuses undocumented fields, which would fail each part alone.
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).withResolveCombinators(true)
            .build();
        OpenAPI api = new OpenAPIParser().readContents(document, null, null).getOpenAPI();
        schemas = new SchemaValidator(api, new MessageResolver());
        error = new Schema<>().$ref("#/components/schemas/" + errorSchema);
    }

    /** The API on its own port: the document's {@code paths}. */
    public static OpenApiContract api() {
        return API;
    }

    /** The operator routes on James WebAdmin: the document's {@code x-operator-routes}, with the same components. */
    public static OpenApiContract operatorRoutes() {
        return OPERATOR_ROUTES;
    }

    /** Checks an answer whose body was read whole, as text or bytes. */
    public void check(HttpResponse<?> response) {
        SimpleResponse.Builder answer = answer(response);
        if (response.body() instanceof String text) {
            answer.withBody(text, StandardCharsets.UTF_8);
        } else if (response.body() instanceof byte[] bytes) {
            answer.withBody(bytes);
        } else if (response.body() != null) {
            throw new IllegalArgumentException("check streamed answers with checkHead: " + response.request().uri());
        }
        verify(response, answer.build(), response.body() instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.UTF_8) : (String) response.body(), false);
    }

    /**
     * Checks the status and headers of an answer whose body is a stream that stays open (Server-Sent Events),
     * which the document describes only as {@code text/event-stream}: the body is the test's to read.
     */
    public void checkHead(HttpResponse<?> response) {
        verify(response, answer(response).build(), null, true);
    }

    private static SimpleResponse.Builder answer(HttpResponse<?> response) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach(answer::withHeader);
        return answer;
    }

    private void verify(HttpResponse<?> response, SimpleResponse answer, String body, boolean streamed) {
        HttpRequest request = response.request();
        Request.Method method = Request.Method.valueOf(request.method().toUpperCase(Locale.ROOT));
        String path = request.uri().getRawPath();
        ValidationReport report = validator.validateResponse(path, method, answer);
        if (response.statusCode() >= 400 && (!canonical(path) || unrouted(report, response.statusCode()))) {
            // No operation describes the answer: it must still be the one documented error body, as JSON.
            report = schemas.validate(body, isV1(path) ? v1Error : error, "response.body");
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                throw new AssertionError("the error answer to " + request.method() + " " + request.uri() + " is not JSON");
            }
        }
        List<ValidationReport.Message> errors = errors(report).stream()
            .filter(message -> !(streamed && message.getKey().equals(BODY_MISSING)))
            .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("the answer to " + request.method() + " " + request.uri()
                + " differs from the OpenAPI document:\n" + errors.stream()
                .map(message -> "  " + message.getKey() + ": " + message.getMessage())
                .collect(Collectors.joining("\n"))
                + "\n  status " + response.statusCode() + ", body: "
                + (body == null ? "(none)" : body.substring(0, Math.min(body.length(), 2_000))));
        }
    }

    /** Under {@code /api/v1} every error is in the v1 shape, unknown routes included. */
    private static boolean isV1(String path) {
        return path.equals("/api/v1") || path.startsWith("/api/v1/");
    }

    /** The validator forgives empty and dot segments, which the server does not route. */
    private static boolean canonical(String path) {
        return !path.contains("//") && URI.create(path).normalize().getRawPath().equals(path);
    }

    private static boolean unrouted(ValidationReport report, int status) {
        List<String> keys = errors(report).stream().map(ValidationReport.Message::getKey).toList();
        return !keys.isEmpty() && (UNROUTED.containsAll(keys)
            || REFUSED_BEFORE_ROUTING.contains(status) && keys.equals(List.of("validation.response.status.unknown")));
    }

    private static List<ValidationReport.Message> errors(ValidationReport report) {
        return report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR).toList();
    }

    private static String document(boolean operatorRoutes) {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            ObjectNode document = (ObjectNode) JSON.readTree(in);
            if (operatorRoutes) {
                document.set("paths", document.path("x-operator-routes").path("paths"));
                document.remove(List.of("security", "x-operator-routes"));
            }
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
