package dev.agentmail.webadmin;

import dev.agentmail.api.dto.SendLimitsBody;
import dev.agentmail.api.dto.SendUsageResponse;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.SendLimit;
import dev.agentmail.domain.service.SendLimits;
import org.apache.james.webadmin.Routes;
import spark.Request;
import spark.Response;
import spark.Service;

import javax.inject.Inject;
import java.util.Map;

/**
 * The operator's overrides of one organization's sending limits, on James WebAdmin: {@code PUT} replaces them (a
 * limit left out follows the deployment's default, 0 is no limit), {@code DELETE} removes them, {@code GET} shows
 * them with the limits in force and the organization's usage.
 */
public class SendLimitRoutes implements Routes {
    public static final String PATH = OrganizationRoutes.BASE_PATH + "/:orgId/send-limits";

    private final SendLimits sendLimits;

    @Inject
    public SendLimitRoutes(SendLimits sendLimits) {
        this.sendLimits = sendLimits;
    }

    /** What every route answers. */
    public record Answer(String orgId, SendLimitsBody overrides, SendLimitsBody sendLimits, SendUsageResponse sendUsage) {
    }

    @Override
    public String getBasePath() {
        return PATH;
    }

    @Override
    public void define(Service service) {
        service.get(PATH, JsonRoutes.route((request, response) -> answer(request.params("orgId"))));
        service.put(PATH, JsonRoutes.route(this::replace));
        service.delete(PATH, JsonRoutes.route((request, response) -> {
            sendLimits.override(request.params("orgId"), Map.of());
            return answer(request.params("orgId"));
        }));
    }

    private Object replace(Request request, Response response) throws Exception {
        JsonRoutes.requireJson(request.contentType());
        SendLimitsBody body = request.body() == null || request.body().isBlank() ? null
            : JsonRoutes.JSON.readValue(request.body(), SendLimitsBody.class);
        if (body == null) {
            throw new InvalidInputException(null, "a JSON object body with the limits to set is required");
        }
        sendLimits.override(request.params("orgId"), body.toLimits());
        return answer(request.params("orgId"));
    }

    private Answer answer(String organizationId) {
        Map<SendLimit, Integer> overrides = sendLimits.overridesOf(organizationId);
        SendLimits.Status status = sendLimits.status(organizationId);
        return new Answer(organizationId, SendLimitsBody.of(overrides), SendLimitsBody.of(status.limits()),
            SendUsageResponse.of(status.organizationUsage()));
    }
}
