package dev.agentmail.mcp.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.api.IdempotencyFilter;
import dev.agentmail.api.JsonMapper;
import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.model.IdempotencyRecord;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.service.IdempotentRequests;
import dev.agentmail.domain.service.SendService;
import dev.agentmail.mcp.Schema;
import dev.agentmail.mcp.Tool;
import dev.agentmail.mcp.ToolCall;
import dev.agentmail.mcp.ToolSet;

import javax.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** send_message, reply, reply_all and forward, over {@link SendService}. */
public class SendTools implements ToolSet {
    private static final String IDEMPOTENCY_KEY = "idempotency_key";
    private static final String IDEMPOTENCY = "The API's Idempotency-Key (1 to " + IdempotentRequests.MAX_KEY_LENGTH
        + " printable ASCII characters): a repeat of this call with the same key and arguments within 24 hours sends "
        + "nothing and answers what the first call answered; the same key with other arguments is refused.";

    private final SendService sending;
    private final IdempotentRequests idempotency;

    @Inject
    public SendTools(SendService sending, IdempotentRequests idempotency) {
        this.sending = sending;
        this.idempotency = idempotency;
    }

    record Attachment(String filename, @JsonProperty("content_type") String contentType, String content, String url) {
        static List<SendService.Attachment> toDomain(List<Attachment> attachments) {
            return attachments == null ? null : attachments.stream()
                .map(a -> a == null ? null : new SendService.Attachment(a.filename(), a.contentType(), a.content(), a.url()))
                .toList();
        }
    }

    record SendArgs(@JsonProperty("inbox_id") String inboxId, List<String> to, List<String> cc, List<String> bcc,
                    @JsonProperty("reply_to") List<String> replyTo, String subject, String text, String html,
                    List<String> labels, List<Attachment> attachments,
                    @JsonProperty("idempotency_key") String idempotencyKey) {
    }

    record ReplyArgs(@JsonProperty("inbox_id") String inboxId, @JsonProperty("message_id") String messageId,
                     String text, String html, List<String> cc, List<String> labels, List<Attachment> attachments,
                     @JsonProperty("idempotency_key") String idempotencyKey) {
    }

    record ForwardArgs(@JsonProperty("inbox_id") String inboxId, @JsonProperty("message_id") String messageId,
                       List<String> to, List<String> cc, String text, String html, List<String> labels,
                       @JsonProperty("idempotency_key") String idempotencyKey) {
    }

    @Override
    public List<Tool> tools() {
        return List.of(
            new Tool("send_message", "Send a message",
                "Sends a new message from the inbox (it starts a thread). Give text, html or both.",
                body(Schema.object().required("inbox_id", Inputs.inboxId())
                    .required("to", addresses("recipients").minItems(1))
                    .optional("bcc", addresses("blind-copy recipients"))
                    .optional("reply_to", addresses("where answers should go"))
                    .optional("subject", Schema.string("the subject")), true),
                sentSchema(), Tool.Hints.SENDS, Permission.SEND,
                call -> {
                    SendArgs args = call.arguments(SendArgs.class);
                    return once(call, "send_message", args.idempotencyKey(), () -> sending.send(call.organizationId(),
                        Required.text("inbox_id", args.inboxId()), new SendService.NewMessage(args.to(), args.cc(),
                            args.bcc(), args.replyTo(), args.subject(), args.text(), args.html(), args.labels(),
                            Attachment.toDomain(args.attachments()), null)));
                }),
            replyTool("reply", "Reply", "Answers the sender of a message (or its Reply-To), in its thread, quoting "
                + "it and setting In-Reply-To and References.", false),
            replyTool("reply_all", "Reply to all", "Answers the sender and every other recipient of a message, in its "
                + "thread, quoting it.", true),
            new Tool("forward", "Forward a message",
                "Passes a message on to other recipients, with its attachments; starts a thread.",
                body(Schema.object().required("inbox_id", Inputs.inboxId()).required("message_id", Inputs.messageId())
                    .required("to", addresses("recipients").minItems(1)), false),
                sentSchema(), Tool.Hints.SENDS, Permission.SEND,
                call -> {
                    ForwardArgs args = call.arguments(ForwardArgs.class);
                    return once(call, "forward", args.idempotencyKey(), () -> sending.forward(call.organizationId(),
                        Required.text("inbox_id", args.inboxId()), Required.text("message_id", args.messageId()),
                        new SendService.Forward(args.to(), args.cc(), args.text(), args.html(), args.labels())));
                }));
    }

    private Tool replyTool(String name, String title, String description, boolean all) {
        return new Tool(name, title, description + " Give text, html or both.",
            body(Schema.object().required("inbox_id", Inputs.inboxId()).required("message_id", Inputs.messageId()), true),
            sentSchema(), Tool.Hints.SENDS, Permission.SEND,
            call -> {
                ReplyArgs args = call.arguments(ReplyArgs.class);
                return once(call, name, args.idempotencyKey(), () -> sending.reply(call.organizationId(),
                    Required.text("inbox_id", args.inboxId()), Required.text("message_id", args.messageId()),
                    new SendService.Reply(args.text(), args.html(), args.cc(), args.labels(),
                        Attachment.toDomain(args.attachments())), all));
            });
    }

    /** The properties every send has: the bodies, cc, labels, attachments (but forward's) and the idempotency key. */
    private static Schema body(Schema schema, boolean withAttachments) {
        schema.optional("cc", addresses("copy recipients"))
            .optional("text", Schema.string("the plain-text body"))
            .optional("html", Schema.string("the HTML body"))
            .optional("labels", Schema.strings("labels for the sent message"))
            .optional(IDEMPOTENCY_KEY, Schema.string(IDEMPOTENCY).minLength(1).maxLength(IdempotentRequests.MAX_KEY_LENGTH));
        if (withAttachments) {
            schema.optional("attachments", Schema.arrayOf(Schema.object()
                .required("filename", Schema.string("the file name").minLength(1).maxLength(255))
                .optional("content_type", Schema.string("its media type (default: what a url answers, else "
                    + "application/octet-stream)").maxLength(255))
                .optional("content", Schema.string("the bytes, base64-encoded"))
                .optional("url", Schema.string("a public URL to fetch the bytes from instead").maxLength(2048)),
                "files to attach: each with content or url"));
        }
        return schema;
    }

    private static Schema addresses(String description) {
        return Schema.strings(description + ": addresses, as a@b or \"Name <a@b>\"");
    }

    /** A sent message's ids; from an inbox in approval mode, the draft that waits for approval instead. */
    private static Schema sentSchema() {
        return Schema.object().optional("message_id", Schema.string("the sent message's id"))
            .optional("thread_id", Schema.string("its thread's id"))
            .optional("draft_id", Schema.string("in approval mode: the draft that waits for approval"))
            .optional("status", Schema.string("in approval mode: pending_approval"));
    }

    /**
     * Sends once per idempotency key, as the REST API does for its Idempotency-Key: the tool and its other arguments
     * are the request's fingerprint, the answer what the first call said (the sent message's ids, or the held draft).
     */
    private CompletableFuture<Tool.ToolOutput> once(ToolCall call, String tool, String key,
                                                    Supplier<SendService.Result> send) throws JsonProcessingException {
        if (key == null) {
            return output(view(send.get()));
        }
        IdempotentRequests.validKey(IDEMPOTENCY_KEY, key);
        ObjectNode arguments = call.arguments().deepCopy();
        arguments.remove(IDEMPOTENCY_KEY);
        IdempotencyRecord.Answer answer = idempotency.call(call.organizationId(), key,
            IdempotentRequests.fingerprint("MCP tools/call", tool, IdempotencyFilter.canonicalJson(arguments),
                CallerScope.current().canonical()),
            () -> new IdempotencyRecord.Answer(200, view(send.get()).toString()));
        return output((ObjectNode) JsonMapper.get().readTree(answer.body()));
    }

    private static ObjectNode view(SendService.Result result) {
        if (result instanceof SendService.Held held) {
            return Views.JSON.objectNode().put("draft_id", held.draft().id())
                .put("status", held.draft().status().wireName());
        }
        SendService.Sent sent = (SendService.Sent) result;
        return Views.JSON.objectNode().put("message_id", sent.messageId()).put("thread_id", sent.threadId());
    }

    private static CompletableFuture<Tool.ToolOutput> output(ObjectNode view) {
        if (view.has("draft_id")) {
            return Tool.ToolOutput.now(view, "Held draft " + view.get("draft_id").asText()
                + " for approval: nothing was sent");
        }
        return Tool.ToolOutput.now(view, "Sent message " + view.get("message_id").asText() + " (thread "
            + view.get("thread_id").asText() + ")");
    }
}
