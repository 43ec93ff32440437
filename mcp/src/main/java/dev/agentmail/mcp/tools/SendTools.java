package dev.agentmail.mcp.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.service.SendService;
import dev.agentmail.mcp.Schema;
import dev.agentmail.mcp.Tool;
import dev.agentmail.mcp.ToolSet;

import javax.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** send_message, reply, reply_all and forward, over {@link SendService}. */
public class SendTools implements ToolSet {
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 256;
    private static final String IDEMPOTENCY = "Reserved for the API's Idempotency-Key: accepted (1 to "
        + MAX_IDEMPOTENCY_KEY_LENGTH + " characters) but not yet used to recognise a repeated call, so a retried "
        + "call sends again.";

    private final SendService sending;

    @Inject
    public SendTools(SendService sending) {
        this.sending = sending;
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
                sentSchema(), Tool.Hints.SENDS,
                call -> {
                    SendArgs args = call.arguments(SendArgs.class);
                    idempotencyKey(args.idempotencyKey());
                    return sent(sending.send(call.organizationId(), Required.text("inbox_id", args.inboxId()),
                        new SendService.NewMessage(args.to(), args.cc(), args.bcc(), args.replyTo(), args.subject(),
                            args.text(), args.html(), args.labels(), Attachment.toDomain(args.attachments()), null)));
                }),
            replyTool("reply", "Reply", "Answers the sender of a message (or its Reply-To), in its thread, quoting "
                + "it and setting In-Reply-To and References.", false),
            replyTool("reply_all", "Reply to all", "Answers the sender and every other recipient of a message, in its "
                + "thread, quoting it.", true),
            new Tool("forward", "Forward a message",
                "Passes a message on to other recipients, with its attachments; starts a thread.",
                body(Schema.object().required("inbox_id", Inputs.inboxId()).required("message_id", Inputs.messageId())
                    .required("to", addresses("recipients").minItems(1)), false),
                sentSchema(), Tool.Hints.SENDS,
                call -> {
                    ForwardArgs args = call.arguments(ForwardArgs.class);
                    idempotencyKey(args.idempotencyKey());
                    return sent(sending.forward(call.organizationId(), Required.text("inbox_id", args.inboxId()),
                        Required.text("message_id", args.messageId()),
                        new SendService.Forward(args.to(), args.cc(), args.text(), args.html(), args.labels())));
                }));
    }

    private Tool replyTool(String name, String title, String description, boolean all) {
        return new Tool(name, title, description + " Give text, html or both.",
            body(Schema.object().required("inbox_id", Inputs.inboxId()).required("message_id", Inputs.messageId()), true),
            sentSchema(), Tool.Hints.SENDS,
            call -> {
                ReplyArgs args = call.arguments(ReplyArgs.class);
                idempotencyKey(args.idempotencyKey());
                return sent(sending.reply(call.organizationId(), Required.text("inbox_id", args.inboxId()),
                    Required.text("message_id", args.messageId()), new SendService.Reply(args.text(), args.html(),
                        args.cc(), args.labels(), Attachment.toDomain(args.attachments())), all));
            });
    }

    /** The properties every send has: the bodies, cc, labels, attachments (but forward's) and the idempotency key. */
    private static Schema body(Schema schema, boolean withAttachments) {
        schema.optional("cc", addresses("copy recipients"))
            .optional("text", Schema.string("the plain-text body"))
            .optional("html", Schema.string("the HTML body"))
            .optional("labels", Schema.strings("labels for the sent message"))
            .optional("idempotency_key", Schema.string(IDEMPOTENCY).minLength(1).maxLength(MAX_IDEMPOTENCY_KEY_LENGTH));
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

    private static void idempotencyKey(String key) {
        if (key != null && (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw new InvalidInputException("idempotency_key",
                "idempotency_key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
    }

    private static CompletableFuture<Tool.ToolOutput> sent(SendService.Result result) {
        if (result instanceof SendService.Held held) {
            return Tool.ToolOutput.now(Views.JSON.objectNode().put("draft_id", held.draft().id())
                    .put("status", held.draft().status().wireName()),
                "Held draft " + held.draft().id() + " for approval: nothing was sent");
        }
        SendService.Sent sent = (SendService.Sent) result;
        return Tool.ToolOutput.now(Views.JSON.objectNode().put("message_id", sent.messageId())
            .put("thread_id", sent.threadId()), "Sent message " + sent.messageId() + " (thread " + sent.threadId() + ")");
    }
}
