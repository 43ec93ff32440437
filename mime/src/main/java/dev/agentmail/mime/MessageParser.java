package dev.agentmail.mime;

import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.Authentication;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.MessageContent;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a message once into what the index keeps. Permissive: a malformed message still yields whatever could
 * be read (at worst empty fields); the message itself is stored as received either way.
 */
public final class MessageParser {
    public static final int PREVIEW_LENGTH = 200;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private MessageParser() {
    }

    /** A message without looking at authentication results (mail we did not receive from outside). */
    public static MessageContent parse(InputStream raw) {
        return parse(raw, Optional.empty());
    }

    /**
     * @param authservId our own authserv-id: the topmost Authentication-Results field that claims it gives the
     *                   message's {@code authentication}
     */
    public static MessageContent parse(InputStream raw, Optional<String> authservId) {
        Optional<Message> parsed = read(raw);
        if (parsed.isEmpty()) {
            return empty();
        }
        Message message = parsed.get();
        try {
            Bodies bodies = new Bodies();
            collect(message, bodies);
            Optional<String> html = Optional.ofNullable(bodies.html);
            Optional<String> text = Optional.ofNullable(bodies.text).or(() -> html.map(HtmlText::render));
            return new MessageContent(
                firstMessageId(message.getMessageId()),
                firstMessageId(headerValue(message, "In-Reply-To")),
                allMessageIds(headerValue(message, "References")),
                Optional.ofNullable(message.getSubject()).orElse(""),
                firstOf(displayed(message.getFrom())),
                displayed(message.getReplyTo()),
                displayed(message.getTo()),
                displayed(message.getCc()),
                displayed(message.getBcc()),
                text, html, preview(text.orElse("")), headers(message), bodies.attachments,
                authservId.flatMap(id -> authentication(message, id)));
        } catch (RuntimeException partlyUnreadable) {
            return empty();
        } finally {
            message.dispose();
        }
    }

    /**
     * The decoded bytes of the attachment at {@code position} in the order {@link #parse} lists attachments, so
     * that an attachment listed in the index can be served from the stored message.
     */
    public static Optional<byte[]> attachmentContent(InputStream raw, int position) {
        Optional<Message> parsed = read(raw);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Message message = parsed.get();
        try {
            List<Entity> parts = new ArrayList<>();
            collectAttachments(message, parts);
            if (position < 0 || position >= parts.size()) {
                return Optional.empty();
            }
            Body body = parts.get(position).getBody();
            if (body instanceof SingleBody single) {
                try (InputStream in = single.getInputStream()) {
                    return Optional.of(in.readAllBytes());
                }
            }
            if (body instanceof Message enclosed) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                new org.apache.james.mime4j.message.DefaultMessageWriter().writeMessage(enclosed, out);
                return Optional.of(out.toByteArray());
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            message.dispose();
        }
    }

    private static Optional<Message> read(InputStream raw) {
        try {
            DefaultMessageBuilder builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
            builder.setDecodeMonitor(org.apache.james.mime4j.codec.DecodeMonitor.SILENT);
            return Optional.of(builder.parseMessage(raw));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static void collectAttachments(Entity entity, List<Entity> attachments) {
        Bodies bodies = new Bodies();
        walk(entity, bodies, attachments);
    }

    private static MessageContent empty() {
        return new MessageContent(Optional.empty(), Optional.empty(), List.of(), "", "", List.of(), List.of(), List.of(),
            List.of(), Optional.empty(), Optional.empty(), "", Map.of(), List.of());
    }

    private static final class Bodies {
        String text;
        String html;
        final List<AttachmentInfo> attachments = new ArrayList<>();
    }

    private static void collect(Entity entity, Bodies bodies) {
        walk(entity, bodies, new ArrayList<>());
    }

    /** One walk for both uses, so that listing and serving agree on which part is which attachment. */
    private static void walk(Entity entity, Bodies bodies, List<Entity> attachmentParts) {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            multipart.getBodyParts().forEach(part -> walk(part, bodies, attachmentParts));
            return;
        }
        boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType()) || entity.getFilename() != null;
        String type = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase();
        if (!attachment && body instanceof TextBody textBody && type.equals("text/plain") && bodies.text == null) {
            bodies.text = read(textBody);
        } else if (!attachment && body instanceof TextBody textBody && type.equals("text/html") && bodies.html == null) {
            bodies.html = read(textBody);
        } else if (body instanceof SingleBody || body instanceof Message) {
            attachmentParts.add(entity);
            bodies.attachments.add(new AttachmentInfo(Ids.attachment(), Optional.ofNullable(entity.getFilename()), type,
                size(body), entity.getDispositionType() == null ? "attachment" : entity.getDispositionType().toLowerCase(),
                Optional.ofNullable(headerValue(entity, "Content-ID")).map(String::strip)));
        }
    }

    private static String read(TextBody body) {
        try (Reader reader = body.getReader()) {
            StringWriter out = new StringWriter();
            reader.transferTo(out);
            return out.toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static long size(Body body) {
        if (body instanceof SingleBody single) {
            try {
                return single.size();
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * The text's start, white space folded. Folds a prefix long enough for the preview rather than the whole body:
     * what lies beyond it cannot change the first {@link #PREVIEW_LENGTH} characters.
     */
    static String preview(String text) {
        for (int window = 4 * PREVIEW_LENGTH; ; window *= 2) {
            boolean whole = window >= text.length();
            String folded = WHITESPACE.matcher(whole ? text : text.substring(0, window)).replaceAll(" ").strip();
            if (whole || folded.length() > PREVIEW_LENGTH) {
                return folded.length() <= PREVIEW_LENGTH ? folded : folded.substring(0, PREVIEW_LENGTH);
            }
        }
    }

    private static Map<String, String> headers(Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Field field : message.getHeader().getFields()) {
            headers.merge(field.getName(), field.getBody().strip(), (first, next) -> first + ", " + next);
        }
        return headers;
    }

    private static Optional<Authentication> authentication(Message message, String authservId) {
        return message.getHeader().getFields(AuthenticationResults.HEADER).stream()
            .map(field -> AuthenticationResults.read(authservId, field.getBody()))
            .flatMap(Optional::stream)
            .findFirst();
    }

    private static String headerValue(Entity entity, String name) {
        Field field = entity.getHeader() == null ? null : entity.getHeader().getField(name);
        return field == null ? null : field.getBody();
    }

    private static Optional<String> firstMessageId(String value) {
        return allMessageIds(value).stream().findFirst();
    }

    /** The Message-IDs, with their angle brackets, in a header such as References or In-Reply-To (null: none). */
    public static List<String> allMessageIds(String value) {
        List<String> ids = new ArrayList<>();
        if (value != null) {
            Matcher matcher = MESSAGE_ID.matcher(value);
            while (matcher.find()) {
                ids.add(matcher.group());
            }
        }
        return ids;
    }

    private static String firstOf(List<String> addresses) {
        return addresses.isEmpty() ? "" : addresses.get(0);
    }

    private static List<String> displayed(MailboxList mailboxes) {
        List<String> out = new ArrayList<>();
        if (mailboxes != null) {
            mailboxes.forEach(mailbox -> out.add(displayed(mailbox)));
        }
        return out;
    }

    private static List<String> displayed(AddressList addresses) {
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                if (address instanceof Mailbox mailbox) {
                    out.add(displayed(mailbox));
                } else if (address instanceof Group group) {
                    group.getMailboxes().forEach(mailbox -> out.add(displayed(mailbox)));
                }
            }
        }
        return out;
    }

    private static String displayed(Mailbox mailbox) {
        String name = mailbox.getName();
        return name == null || name.isBlank() ? mailbox.getAddress() : name + " <" + mailbox.getAddress() + ">";
    }
}
