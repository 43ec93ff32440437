package dev.agentmail.mcp.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.api.ApiServerSettings;
import dev.agentmail.api.dto.TextLinks;
import dev.agentmail.api.resource.AttachmentDownloadResource;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.service.AttachmentService;
import dev.agentmail.domain.service.MessageService;
import dev.agentmail.mcp.Schema;
import dev.agentmail.mcp.Tool;
import dev.agentmail.mcp.ToolSet;
import dev.agentmail.mcp.UntrustedContent;

import javax.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** list_messages, get_message, update_labels and delete_message, over {@link MessageService}. */
public class MessageTools implements ToolSet {
    private final MessageService messages;
    private final AttachmentService attachments;
    private final String downloadBase;
    private final TextLinks textLinks;

    @Inject
    public MessageTools(MessageService messages, AttachmentService attachments, ApiServerSettings settings) {
        this.messages = messages;
        this.attachments = attachments;
        this.downloadBase = settings.publicUrl().replaceAll("/+$", "") + AttachmentDownloadResource.PATH + "/";
        this.textLinks = TextLinks.under(settings.publicUrl());
    }

    record ListArgs(@JsonProperty("inbox_id") String inboxId, String q, String direction, Integer page,
                    @JsonProperty("page_size") Integer pageSize) {
        MessageSearch search() {
            MessageSearch search = MessageSearch.parse(q);
            if (direction == null) {
                return search;
            }
            return Arrays.stream(Direction.values()).filter(value -> value.wireName().equals(direction)).findFirst()
                .map(search::only)
                .orElseThrow(() -> new InvalidInputException("direction", "direction must be inbound or outbound"));
        }
    }

    record GetArgs(@JsonProperty("inbox_id") String inboxId, @JsonProperty("message_id") String messageId,
                   @JsonProperty("include_html") Boolean includeHtml) {
    }

    record LabelArgs(@JsonProperty("inbox_id") String inboxId, @JsonProperty("message_id") String messageId,
                     List<String> labels) {
    }

    record DeleteArgs(@JsonProperty("inbox_id") String inboxId, @JsonProperty("message_id") String messageId) {
    }

    @Override
    public List<Tool> tools() {
        return List.of(
            new Tool("list_messages", "List messages",
                "Lists an inbox's messages, received and sent, newest first, a page at a time. With q, only those "
                    + "whose subject, text, sender, To/Cc or attachments' text hold every word of it; with direction, only those received "
                    + "(inbound) or sent (outbound). " + UntrustedContent.DESCRIPTION,
                Schema.object().required("inbox_id", Inputs.inboxId())
                    .optional("q", Schema.string("words to search for, all of which must occur").maxLength(MessageSearch.MAX_LENGTH))
                    .optional("direction", Schema.oneOf("only received (inbound) or only sent (outbound) messages",
                        "inbound", "outbound"))
                    .optional("page", Inputs.page()).optional("page_size", Inputs.pageSize()),
                Views.pageSchema("messages", Views.messageSummarySchema()).required(Views.MARKER, Views.markerSchema()),
                Tool.Hints.READ_ONLY, Permission.READ,
                call -> {
                    ListArgs args = call.arguments(ListArgs.class);
                    Page<StoredMessage> page = messages.list(call.organizationId(),
                        Required.text("inbox_id", args.inboxId()), args.search(),
                        Inputs.page(args.page(), args.pageSize()));
                    UntrustedContent untrusted = call.untrusted();
                    ObjectNode result = Views.page("messages", page, message -> Views.messageSummary(message, untrusted))
                        .put(Views.MARKER, untrusted.marker());
                    return Tool.ToolOutput.now(result, Views.pageLine(page, "messages") + page.data().stream()
                        .map(message -> "\n" + Views.summaryLine(message, untrusted)).collect(Collectors.joining()));
                }),
            new Tool("get_message", "Read a message",
                "One message in full: sender and recipients, subject, text, for a reply its new text without the "
                    + "quoted history (reply_text), the verification code and link found in it, and its attachments "
                    + "with download links that need no key and expire after an hour, and their text once read "
                    + "(text_status; text_url, and text itself when short). HTML only with include_html. "
                    + UntrustedContent.DESCRIPTION,
                Schema.object().required("inbox_id", Inputs.inboxId()).required("message_id", Inputs.messageId())
                    .optional("include_html", Schema.bool("also return the HTML body (default false)")),
                Views.messageSchema().required(Views.MARKER, Views.markerSchema()), Tool.Hints.READ_ONLY, Permission.READ,
                call -> {
                    GetArgs args = call.arguments(GetArgs.class);
                    String inboxId = Required.text("inbox_id", args.inboxId());
                    StoredMessage message = messages.get(call.organizationId(), inboxId,
                        Required.text("message_id", args.messageId()));
                    Map<String, Views.AttachmentLink> links = new LinkedHashMap<>();
                    for (AttachmentInfo attachment : message.content().attachments()) {
                        AttachmentService.Link link = attachments.link(call.organizationId(), inboxId, message.id(),
                            attachment.id());
                        links.put(attachment.id(), new Views.AttachmentLink(downloadBase + link.token(), link.expiresAt(),
                            link.text(), link.text().textToken().map(textLinks::url)));
                    }
                    UntrustedContent untrusted = call.untrusted();
                    return Tool.ToolOutput.now(Views.message(message, untrusted, Boolean.TRUE.equals(args.includeHtml()),
                            links).put(Views.MARKER, untrusted.marker()),
                        Views.messageText(message, untrusted, links));
                }),
            new Tool("update_labels", "Set a message's labels",
                "Replaces a message's labels; they are its IMAP keywords too, so mail programs see them.",
                Schema.object().required("inbox_id", Inputs.inboxId()).required("message_id", Inputs.messageId())
                    .required("labels", Schema.strings("the labels it should have from now on (empty clears them)")),
                Schema.object().required("message_id", Schema.string("the message's id"))
                    .required("labels", Schema.strings("its labels now")),
                Tool.Hints.CHANGES, Permission.READ,
                call -> {
                    LabelArgs args = call.arguments(LabelArgs.class);
                    StoredMessage message = messages.setLabels(call.organizationId(),
                        Required.text("inbox_id", args.inboxId()), Required.text("message_id", args.messageId()),
                        args.labels());
                    ObjectNode result = Views.JSON.objectNode().put("message_id", message.id());
                    Views.strings(result, "labels", message.labels());
                    return Tool.ToolOutput.now(result, "Labels of " + message.id() + ": "
                        + (message.labels().isEmpty() ? "(none)" : String.join(", ", message.labels())));
                }),
            new Tool("delete_message", "Delete a message",
                "Deletes a message for good, from the mailbox too (mail programs see it gone).",
                Schema.object().required("inbox_id", Inputs.inboxId()).required("message_id", Inputs.messageId()),
                Schema.object().required("message_id", Schema.string("the deleted message's id"))
                    .required("deleted", Schema.bool("always true")),
                Tool.Hints.DELETES, Permission.MANAGE_INBOXES,
                call -> {
                    DeleteArgs args = call.arguments(DeleteArgs.class);
                    messages.delete(call.organizationId(), Required.text("inbox_id", args.inboxId()),
                        Required.text("message_id", args.messageId()));
                    return Tool.ToolOutput.now(Views.JSON.objectNode().put("message_id", args.messageId())
                        .put("deleted", true), "Deleted message " + args.messageId());
                }));
    }
}
