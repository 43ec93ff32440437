package dev.agentmail.mcp.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.model.ThreadSummary;
import dev.agentmail.domain.service.MessageService;
import dev.agentmail.mcp.Schema;
import dev.agentmail.mcp.Tool;
import dev.agentmail.mcp.ToolSet;
import dev.agentmail.mcp.UntrustedContent;

import javax.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** list_threads and get_thread, over {@link MessageService}. */
public class ThreadTools implements ToolSet {
    private final MessageService messages;

    @Inject
    public ThreadTools(MessageService messages) {
        this.messages = messages;
    }

    record ListArgs(@JsonProperty("inbox_id") String inboxId, Integer page,
                    @JsonProperty("page_size") Integer pageSize) {
    }

    record GetArgs(@JsonProperty("inbox_id") String inboxId, @JsonProperty("thread_id") String threadId) {
    }

    @Override
    public List<Tool> tools() {
        return List.of(
            new Tool("list_threads", "List threads",
                "Lists an inbox's conversations, most recent activity first, a page at a time. "
                    + UntrustedContent.DESCRIPTION,
                Schema.object().required("inbox_id", Inputs.inboxId())
                    .optional("page", Inputs.page()).optional("page_size", Inputs.pageSize()),
                Views.pageSchema("threads", Views.threadSummarySchema()).required(Views.MARKER, Views.markerSchema()),
                Tool.Hints.READ_ONLY, Permission.READ,
                call -> {
                    ListArgs args = call.arguments(ListArgs.class);
                    Page<ThreadSummary> page = messages.listThreads(call.organizationId(),
                        Required.text("inbox_id", args.inboxId()), Inputs.page(args.page(), args.pageSize()));
                    UntrustedContent untrusted = call.untrusted();
                    return Tool.ToolOutput.now(Views.page("threads", page, thread -> Views.threadSummary(thread, untrusted))
                            .put(Views.MARKER, untrusted.marker()),
                        Views.pageLine(page, "threads") + page.data().stream()
                            .map(thread -> "\n- " + thread.threadId() + ", " + thread.messageCount() + " messages, last "
                                + Views.time(thread.timestamp()) + ", subject " + untrusted.wrap(thread.subject()))
                            .collect(Collectors.joining()));
                }),
            new Tool("get_thread", "Read a thread",
                "A conversation's messages, oldest first, each with its text (attachments listed; get_message gives "
                    + "their download links). " + UntrustedContent.DESCRIPTION,
                Schema.object().required("inbox_id", Inputs.inboxId())
                    .required("thread_id", Schema.string("the thread's id (thread_id)").minLength(1)),
                Schema.object().required("thread_id", Schema.string("the thread's id"))
                    .required("inbox_id", Schema.string("its inbox's id"))
                    .required("messages", Schema.arrayOf(Views.messageSchema(), "its messages, oldest first"))
                    .required(Views.MARKER, Views.markerSchema()),
                Tool.Hints.READ_ONLY, Permission.READ,
                call -> {
                    GetArgs args = call.arguments(GetArgs.class);
                    String inboxId = Required.text("inbox_id", args.inboxId());
                    List<StoredMessage> thread = messages.getThread(call.organizationId(), inboxId,
                        Required.text("thread_id", args.threadId()));
                    UntrustedContent untrusted = call.untrusted();
                    ObjectNode result = Views.JSON.objectNode().put("thread_id", args.threadId()).put("inbox_id", inboxId);
                    ArrayNode items = result.putArray("messages");
                    thread.forEach(message -> items.add(Views.message(message, untrusted, false, Map.of())));
                    result.put(Views.MARKER, untrusted.marker());
                    return Tool.ToolOutput.now(result, "Thread " + args.threadId() + ", " + thread.size() + " messages:"
                        + thread.stream().map(message -> "\n\n" + Views.messageText(message, untrusted))
                            .collect(Collectors.joining()));
                }));
    }
}
