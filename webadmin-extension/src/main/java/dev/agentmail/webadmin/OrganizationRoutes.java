package dev.agentmail.webadmin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.api.ApiError;
import dev.agentmail.api.ErrorMapping;
import dev.agentmail.api.JsonMapper;
import dev.agentmail.api.dto.CreatedOrganizationResponse;
import dev.agentmail.api.dto.NameRequest;
import dev.agentmail.api.dto.OrganizationResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.api.resource.PageParams;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.service.OrganizationService;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Route;
import spark.Service;

import javax.inject.Inject;

/**
 * Operator-only routes on James WebAdmin (the admin port, loopback by default): organizations are made here,
 * each with its first API key, which is shown once.
 */
public class OrganizationRoutes implements Routes {
    public static final String BASE_PATH = "/agentmail/organizations";

    private final OrganizationService organizations;
    private final ObjectMapper json = JsonMapper.get();

    @Inject
    public OrganizationRoutes(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.post(BASE_PATH, jsonRoute(this::create));
        service.get(BASE_PATH, jsonRoute(this::list));
    }

    private Object create(Request request, Response response) throws Exception {
        requireJson(request.contentType());
        if (request.body() == null || request.body().isBlank()) {
            throw new InvalidInputException("name", "a JSON object body with a name is required");
        }
        NameRequest body = json.readValue(request.body(), NameRequest.class);
        if (body == null) {
            throw new InvalidInputException("name", "a JSON object body with a name is required");
        }
        response.status(201);
        return CreatedOrganizationResponse.of(organizations.create(body.name()));
    }

    private Object list(Request request, Response response) {
        PageRequest page = PageParams.parse(request.queryParams("page"), request.queryParams("page_size"));
        return PageResponse.of(organizations.list(page), OrganizationResponse::of);
    }

    /** A form or text/plain POST from a web page needs no CORS preflight: only JSON bodies are taken. */
    private static void requireJson(String contentType) {
        if (contentType == null || !contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            throw ErrorResponder.builder()
                .statusCode(415)
                .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                .message("send the body as Content-Type: application/json")
                .haltError();
        }
    }

    private interface Handler {
        Object handle(Request request, Response response) throws Exception;
    }

    /** Answers JSON, and failures in WebAdmin's own error shape, like James's routes on the same port. */
    private Route jsonRoute(Handler handler) {
        return (request, response) -> {
            response.type("application/json");
            try {
                return json.writeValueAsString(handler.handle(request, response));
            } catch (HaltException answered) {
                throw answered;
            } catch (Exception e) {
                ApiError error = ErrorMapping.toError(e);
                throw ErrorResponder.builder()
                    .statusCode(error.status())
                    .type(typeOf(error.status()))
                    .message(error.message())
                    .haltError();
            }
        };
    }

    private static ErrorResponder.ErrorType typeOf(int status) {
        return switch (status) {
            case 400 -> ErrorResponder.ErrorType.INVALID_ARGUMENT;
            case 404 -> ErrorResponder.ErrorType.NOT_FOUND;
            default -> status >= 500 ? ErrorResponder.ErrorType.SERVER_ERROR : ErrorResponder.ErrorType.WRONG_STATE;
        };
    }
}
