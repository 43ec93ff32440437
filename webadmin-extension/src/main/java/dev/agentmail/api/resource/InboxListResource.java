package dev.agentmail.api.resource;

import dev.agentmail.domain.service.ListService;

import javax.inject.Inject;
import javax.ws.rs.Path;

@Path("/api/v0/inboxes/{inboxId}/lists/{direction}/{kind}")
public class InboxListResource extends ListRoutes {
    @Inject
    public InboxListResource(ListService lists) {
        super(lists);
    }
}
