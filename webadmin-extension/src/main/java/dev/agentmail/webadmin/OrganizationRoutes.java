package dev.agentmail.webadmin;

import dev.agentmail.api.dto.CreatedOrganizationResponse;
import dev.agentmail.api.dto.NameRequest;
import dev.agentmail.api.dto.OrganizationResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.api.resource.PageParams;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.service.CreatedOrganization;
import dev.agentmail.domain.service.OrganizationService;
import dev.agentmail.domain.service.SendLimits;
import org.apache.james.webadmin.Routes;
import spark.Request;
import spark.Response;
import spark.Service;

import javax.inject.Inject;

/**
 * Operator-only routes on James WebAdmin (the admin port, loopback by default): organizations are made here,
 * each with its first API key, which is shown once.
 */
public class OrganizationRoutes implements Routes {
    public static final String BASE_PATH = "/agentmail/organizations";

    private final OrganizationService organizations;
    private final SendLimits sendLimits;

    @Inject
    public OrganizationRoutes(OrganizationService organizations, SendLimits sendLimits) {
        this.organizations = organizations;
        this.sendLimits = sendLimits;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.post(BASE_PATH, JsonRoutes.route(this::create));
        service.get(BASE_PATH, JsonRoutes.route(this::list));
    }

    private Object create(Request request, Response response) throws Exception {
        JsonRoutes.requireJson(request.contentType());
        if (request.body() == null || request.body().isBlank()) {
            throw new InvalidInputException("name", "a JSON object body with a name is required");
        }
        NameRequest body = JsonRoutes.JSON.readValue(request.body(), NameRequest.class);
        if (body == null) {
            throw new InvalidInputException("name", "a JSON object body with a name is required");
        }
        CreatedOrganization created = organizations.create(body.name());
        response.status(201);
        return CreatedOrganizationResponse.of(created, sendLimits.status(created.organization().organization().id()));
    }

    private Object list(Request request, Response response) {
        PageRequest page = PageParams.parse(request.queryParams("page"), request.queryParams("page_size"));
        return PageResponse.of(organizations.list(page), OrganizationResponse::of);
    }
}
