package dev.agentmail.webadmin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.api.ApiError;
import dev.agentmail.api.ErrorMapping;
import dev.agentmail.api.JsonMapper;
import org.apache.james.webadmin.utils.ErrorResponder;
import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Route;

/** How our operator routes answer: JSON, and failures in WebAdmin's own error shape, like James's routes on that port. */
final class JsonRoutes {
    static final ObjectMapper JSON = JsonMapper.get();

    private JsonRoutes() {
    }

    interface Handler {
        Object handle(Request request, Response response) throws Exception;
    }

    static Route route(Handler handler) {
        return (request, response) -> {
            response.type("application/json");
            try {
                return JSON.writeValueAsString(handler.handle(request, response));
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

    /** A form or text/plain POST from a web page needs no CORS preflight: only JSON bodies are taken. */
    static void requireJson(String contentType) {
        if (contentType == null || !contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            throw ErrorResponder.builder()
                .statusCode(415)
                .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                .message("send the body as Content-Type: application/json")
                .haltError();
        }
    }

    private static ErrorResponder.ErrorType typeOf(int status) {
        return switch (status) {
            case 400 -> ErrorResponder.ErrorType.INVALID_ARGUMENT;
            case 404 -> ErrorResponder.ErrorType.NOT_FOUND;
            default -> status >= 500 ? ErrorResponder.ErrorType.SERVER_ERROR : ErrorResponder.ErrorType.WRONG_STATE;
        };
    }
}
