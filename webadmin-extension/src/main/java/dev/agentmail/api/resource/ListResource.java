package dev.agentmail.api.resource;

import dev.agentmail.domain.service.ListService;

import javax.inject.Inject;
import javax.ws.rs.Path;

@Path("/api/v0/lists/{direction}/{kind}")
public class ListResource extends ListRoutes {
    @Inject
    public ListResource(ListService lists) {
        super(lists);
    }
}
