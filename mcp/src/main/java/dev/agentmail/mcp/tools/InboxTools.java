package dev.agentmail.mcp.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.InboxService;
import dev.agentmail.mcp.Schema;
import dev.agentmail.mcp.Tool;
import dev.agentmail.mcp.ToolSet;

import javax.inject.Inject;
import java.util.List;
import java.util.stream.Collectors;

/** list_inboxes, create_inbox and delete_inbox, over {@link InboxService}. */
public class InboxTools implements ToolSet {
    private final InboxService inboxes;

    @Inject
    public InboxTools(InboxService inboxes) {
        this.inboxes = inboxes;
    }

    record ListArgs(Integer page, @JsonProperty("page_size") Integer pageSize) {
    }

    record CreateArgs(String username, String domain, @JsonProperty("display_name") String displayName,
                      @JsonProperty("client_id") String clientId, @JsonProperty("ttl_seconds") Long ttlSeconds) {
    }

    record DeleteArgs(@JsonProperty("inbox_id") String inboxId) {
    }

    @Override
    public List<Tool> tools() {
        return List.of(
            new Tool("list_inboxes", "List inboxes",
                "Lists the organization's inboxes, oldest first, a page at a time.",
                Schema.object().optional("page", Inputs.page()).optional("page_size", Inputs.pageSize()),
                Views.pageSchema("inboxes", Views.inboxSchema()), Tool.Hints.READ_ONLY, Permission.READ,
                call -> {
                    ListArgs args = call.arguments(ListArgs.class);
                    Page<Inbox> page = inboxes.list(call.organizationId(), Inputs.page(args.page(), args.pageSize()));
                    return Tool.ToolOutput.now(Views.page("inboxes", page, Views::inbox),
                        Views.pageLine(page, "inboxes") + page.data().stream()
                            .map(inbox -> "\n- " + inbox.emailAddress() + " (" + inbox.id() + ")")
                            .collect(Collectors.joining()));
                }),
            new Tool("create_inbox", "Create an inbox",
                "Creates an inbox: a real mailbox at username@domain that receives mail at once and can send. With "
                    + "ttl_seconds it is disposable: it receives but cannot send, and is deleted with its mail when it "
                    + "expires. Give its email_address wherever an address is asked for, then use wait_for_code or "
                    + "wait_for_message.",
                Schema.object()
                    .required("username", Schema.string("the part before @: 1 to 64 of a-z 0-9 . _ % + - (lower-cased)")
                        .minLength(1).maxLength(64))
                    .optional("domain", Schema.string("a verified custom domain of the organization (default: the "
                        + "platform domain)"))
                    .optional("display_name", Schema.string("the name shown as sender").maxLength(200))
                    .optional("client_id", Schema.string("your own reference for it").maxLength(200))
                    .optional("ttl_seconds", Schema.integer("makes a disposable inbox deleted this long after creation",
                        InboxService.MIN_TTL.toSeconds(), InboxService.MAX_TTL.toSeconds())),
                Views.inboxSchema(), Tool.Hints.CREATES, Permission.MANAGE_INBOXES,
                call -> {
                    CreateArgs args = call.arguments(CreateArgs.class);
                    Inbox inbox = inboxes.create(call.organizationId(), new InboxService.NewInbox(args.username(),
                        args.domain(), args.displayName(), args.clientId(), args.ttlSeconds()));
                    return Tool.ToolOutput.now(Views.inbox(inbox),
                        "Created inbox " + inbox.id() + ": " + inbox.emailAddress());
                }),
            new Tool("delete_inbox", "Delete an inbox",
                "Deletes an inbox with its mailboxes and all its mail, for good.",
                Schema.object().required("inbox_id", Inputs.inboxId()),
                Schema.object().required("inbox_id", Schema.string("the deleted inbox's id"))
                    .required("deleted", Schema.bool("always true")),
                Tool.Hints.DELETES, Permission.MANAGE_INBOXES,
                call -> {
                    DeleteArgs args = call.arguments(DeleteArgs.class);
                    inboxes.delete(call.organizationId(), Required.text("inbox_id", args.inboxId()));
                    return Tool.ToolOutput.now(Views.JSON.objectNode().put("inbox_id", args.inboxId())
                        .put("deleted", true), "Deleted inbox " + args.inboxId());
                }));
    }
}
