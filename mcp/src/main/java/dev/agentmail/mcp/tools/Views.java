package dev.agentmail.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.api.JsonMapper;
import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.model.ThreadSummary;
import dev.agentmail.domain.service.AttachmentService;
import dev.agentmail.domain.service.AttachmentService.TextView;
import dev.agentmail.mcp.Schema;
import dev.agentmail.mcp.UntrustedContent;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * How inboxes, messages and threads look in structured tool results, beside the schema that says so. Every subject,
 * text and HTML of a message is wrapped as untrusted content; times are ISO-8601 UTC, as in the API.
 */
final class Views {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String MARKER = "untrusted_marker";

    private Views() {
    }

    static Schema markerSchema() {
        return Schema.string("the marker of this call's untrusted-content blocks");
    }

    static String time(Instant instant) {
        return JsonMapper.TIMESTAMP.format(instant);
    }

    static Schema timeSchema(String description) {
        return Schema.string(description).format("date-time");
    }

    // --- inboxes

    static Schema inboxSchema() {
        return Schema.object()
            .required("inbox_id", Schema.string("the inbox's id"))
            .required("email_address", Schema.string("the address mail reaches it at"))
            .optional("display_name", Schema.string("the name shown as sender"))
            .optional("client_id", Schema.string("the caller's own reference"))
            .required("created_at", timeSchema("when it was created"))
            .optional("expires_at", timeSchema("when a disposable inbox is deleted with its mail"));
    }

    static ObjectNode inbox(Inbox inbox) {
        ObjectNode node = JSON.objectNode().put("inbox_id", inbox.id()).put("email_address", inbox.emailAddress());
        inbox.displayName().ifPresent(name -> node.put("display_name", name));
        inbox.clientId().ifPresent(id -> node.put("client_id", id));
        node.put("created_at", time(inbox.createdAt()));
        inbox.expiresAt().ifPresent(at -> node.put("expires_at", time(at)));
        return node;
    }

    // --- pages

    static Schema pageSchema(String itemsName, Schema item) {
        return Schema.object()
            .required(itemsName, Schema.arrayOf(item, "this page's items"))
            .required("total", Schema.integer("how many there are on all pages", 0, Long.MAX_VALUE))
            .required("page", Schema.integer("this page's number", 1, PageRequest.MAX_PAGE))
            .required("page_size", Schema.integer("items per page", 1, PageRequest.MAX_PAGE_SIZE));
    }

    static <T> ObjectNode page(String itemsName, Page<T> page, java.util.function.Function<T, ObjectNode> view) {
        ObjectNode node = JSON.objectNode();
        ArrayNode items = node.putArray(itemsName);
        page.data().forEach(item -> items.add(view.apply(item)));
        return node.put("total", page.total()).put("page", page.page()).put("page_size", page.pageSize());
    }

    static String pageLine(Page<?> page, String noun) {
        long first = page.data().isEmpty() ? 0 : (long) (page.page() - 1) * page.pageSize() + 1;
        return page.total() + " " + noun + (page.data().isEmpty() ? "" : ", showing " + first + "-"
            + (first + page.data().size() - 1)) + ":";
    }

    // --- messages

    static Schema messageSummarySchema() {
        return Schema.object()
            .required("message_id", Schema.string("the message's id"))
            .required("thread_id", Schema.string("its thread's id"))
            .required("direction", Schema.oneOf("received (inbound) or sent (outbound)", "inbound", "outbound"))
            .required("from", Schema.string("the sender, as in the From header"))
            .required("to", Schema.strings("the To recipients"))
            .required("subject", Schema.string("the subject, as an untrusted-content block"))
            .required("preview", Schema.string("the start of the text, as an untrusted-content block"))
            .required("labels", Schema.strings("its labels (IMAP keywords)"))
            .required("timestamp", timeSchema("when it was received or sent"))
            .required("attachment_count", Schema.integer("how many attachments it has", 0, Integer.MAX_VALUE));
    }

    static ObjectNode messageSummary(StoredMessage message, UntrustedContent untrusted) {
        ObjectNode node = JSON.objectNode().put("message_id", message.id()).put("thread_id", message.threadId())
            .put("direction", message.direction().wireName()).put("from", message.content().from());
        strings(node, "to", message.content().to());
        node.put("subject", untrusted.wrap(message.content().subject()))
            .put("preview", untrusted.wrap(message.content().preview()));
        strings(node, "labels", message.labels());
        return node.put("timestamp", time(message.timestamp()))
            .put("attachment_count", message.content().attachments().size());
    }

    static Schema attachmentSchema() {
        return Schema.object()
            .required("attachment_id", Schema.string("the attachment's id"))
            .optional("filename", Schema.string("its file name, as the sender gave it"))
            .required("content_type", Schema.string("its MIME type"))
            .required("size", Schema.integer("its size in bytes", 0, Long.MAX_VALUE))
            .optional("download_url", Schema.string("a link that downloads it without a key").format("uri"))
            .optional("download_expires_at", timeSchema("when that link stops working"))
            .optional("text_status", Schema.oneOf("whether its text has been read: pending (not yet), ready, "
                + "unsupported (not a document), too_large, or failed (corrupt, encrypted, or over a limit)",
                "pending", "ready", "unsupported", "too_large", "failed"))
            .optional("text_url", Schema.string("once ready, a link that serves its text as plain UTF-8 without a "
                + "key, expiring with the download link").format("uri"))
            .optional("text", Schema.string("its text, when ready and under " + AttachmentService.INLINE_TEXT_LIMIT
                + " characters, as an untrusted-content block"));
    }

    static Schema messageSchema() {
        return Schema.object()
            .required("message_id", Schema.string("the message's id"))
            .required("inbox_id", Schema.string("its inbox's id"))
            .required("thread_id", Schema.string("its thread's id"))
            .required("direction", Schema.oneOf("received (inbound) or sent (outbound)", "inbound", "outbound"))
            .required("from", Schema.string("the sender, as in the From header"))
            .required("to", Schema.strings("the To recipients"))
            .required("cc", Schema.strings("the Cc recipients"))
            .required("reply_to", Schema.strings("the Reply-To addresses"))
            .required("subject", Schema.string("the subject, as an untrusted-content block"))
            .optional("text", Schema.string("the plain-text body, as an untrusted-content block"))
            .optional("reply_text", Schema.string("for a reply, its new text without the quoted history, as an "
                + "untrusted-content block"))
            .optional("html", Schema.string("the HTML body (when asked for), as an untrusted-content block"))
            .optional("verification_code", Schema.string("the code a person would type, found in the mail"))
            .optional("verification_link", Schema.string("the link a person would click to confirm"))
            .required("labels", Schema.strings("its labels (IMAP keywords)"))
            .required("timestamp", timeSchema("when it was received or sent"))
            .required("attachments", Schema.arrayOf(attachmentSchema(), "its attachments"));
    }

    /** @param links download links by attachment id (none in thread views: get_message gives them) */
    static ObjectNode message(StoredMessage message, UntrustedContent untrusted, boolean withHtml,
                              Map<String, AttachmentLink> links) {
        ObjectNode node = JSON.objectNode().put("message_id", message.id()).put("inbox_id", message.inboxId())
            .put("thread_id", message.threadId()).put("direction", message.direction().wireName())
            .put("from", message.content().from());
        strings(node, "to", message.content().to());
        strings(node, "cc", message.content().cc());
        strings(node, "reply_to", message.content().replyTo());
        node.put("subject", untrusted.wrap(message.content().subject()));
        message.content().text().ifPresent(text -> node.put("text", untrusted.wrap(text)));
        message.analysis().extractedText().ifPresent(text -> node.put("reply_text", untrusted.wrap(text)));
        if (withHtml) {
            message.content().html().ifPresent(html -> node.put("html", untrusted.wrap(html)));
        }
        message.analysis().code().ifPresent(code -> node.put("verification_code", code));
        message.analysis().link().ifPresent(link -> node.put("verification_link", link));
        strings(node, "labels", message.labels());
        node.put("timestamp", time(message.timestamp()));
        ArrayNode attachments = node.putArray("attachments");
        for (AttachmentInfo attachment : message.content().attachments()) {
            ObjectNode item = attachments.addObject().put("attachment_id", attachment.id());
            attachment.filename().ifPresent(name -> item.put("filename", name));
            item.put("content_type", attachment.contentType()).put("size", attachment.size());
            Optional.ofNullable(links.get(attachment.id())).ifPresent(link -> {
                item.put("download_url", link.url()).put("download_expires_at", time(link.expiresAt()))
                    .put("text_status", link.text().status().wire());
                link.textUrl().ifPresent(url -> item.put("text_url", url));
                link.text().inlineText().ifPresent(text -> item.put("text", untrusted.wrap(text)));
            });
        }
        return node;
    }

    /** An attachment's signed links and its text, as get_message shows them. */
    record AttachmentLink(String url, Instant expiresAt, TextView text, Optional<String> textUrl) {
    }

    /** The text rendering of a message: who, when, what, and its body, still marked untrusted. */
    static String messageText(StoredMessage message, UntrustedContent untrusted) {
        return messageText(message, untrusted, Map.of());
    }

    /** With the attachments' text where get_message has it. */
    static String messageText(StoredMessage message, UntrustedContent untrusted, Map<String, AttachmentLink> links) {
        StringBuilder text = new StringBuilder()
            .append(message.direction().wireName()).append(" message ").append(message.id())
            .append(" (thread ").append(message.threadId()).append(") at ").append(time(message.timestamp()))
            .append("\nFrom: ").append(message.content().from())
            .append("\nTo: ").append(String.join(", ", message.content().to()))
            .append("\nSubject: ").append(untrusted.wrap(message.content().subject()));
        message.analysis().code().ifPresent(code -> text.append("\nVerification code: ").append(code));
        message.analysis().link().ifPresent(link -> text.append("\nVerification link: ").append(link));
        message.content().attachments().forEach(attachment -> {
            text.append("\nAttachment ").append(attachment.id())
                .append(": ").append(attachment.filename().orElse("(no name)")).append(", ")
                .append(attachment.contentType()).append(", ").append(attachment.size()).append(" bytes");
            Optional.ofNullable(links.get(attachment.id())).ifPresent(link -> {
                text.append(", text ").append(link.text().status().wire());
                link.text().inlineText().ifPresent(inline -> text.append(":\n").append(untrusted.wrap(inline)));
            });
        });
        message.content().text().ifPresent(body -> text.append("\n\n").append(untrusted.wrap(body)));
        return text.toString();
    }

    static String summaryLine(StoredMessage message, UntrustedContent untrusted) {
        return "- " + message.id() + " " + message.direction().wireName() + " " + time(message.timestamp())
            + " from " + message.content().from() + ", subject " + untrusted.wrap(message.content().subject());
    }

    // --- threads

    static Schema threadSummarySchema() {
        return Schema.object()
            .required("thread_id", Schema.string("the thread's id"))
            .required("subject", Schema.string("its first message's subject, as an untrusted-content block"))
            .required("preview", Schema.string("the start of its last message, as an untrusted-content block"))
            .required("senders", Schema.strings("who wrote in it"))
            .required("recipients", Schema.strings("who it was written to"))
            .required("labels", Schema.strings("the labels of its messages"))
            .required("message_count", Schema.integer("how many messages it has", 1, Integer.MAX_VALUE))
            .required("last_message_id", Schema.string("its newest message's id"))
            .required("timestamp", timeSchema("its latest activity"));
    }

    static ObjectNode threadSummary(ThreadSummary thread, UntrustedContent untrusted) {
        ObjectNode node = JSON.objectNode().put("thread_id", thread.threadId())
            .put("subject", untrusted.wrap(thread.subject())).put("preview", untrusted.wrap(thread.preview()));
        strings(node, "senders", thread.senders());
        strings(node, "recipients", thread.recipients());
        strings(node, "labels", thread.labels());
        return node.put("message_count", thread.messageCount()).put("last_message_id", thread.lastMessageId())
            .put("timestamp", time(thread.timestamp()));
    }

    static void strings(ObjectNode node, String name, Collection<String> values) {
        ArrayNode array = node.putArray(name);
        values.forEach(array::add);
    }
}
