package dev.agentmail.mailets;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report about a message tells: a delivery status notification (RFC 3464) names the recipients it failed
 * for, an abuse feedback report (RFC 5965, ARF) the recipient who complained. Both enclose the original message,
 * or its headers, whose Message-ID says which message the report is about.
 */
public record DeliveryReport(Kind kind, String originalMessageId, List<String> recipients) {
    public enum Kind {
        BOUNCE, COMPLAINT
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n\\s*\\r?\\n");

    /** @return the report, when the message is a bounce or complaint naming the message it is about */
    public static Optional<DeliveryReport> of(MimeMessage message) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/report")) {
            return Optional.empty();
        }
        String reportType = Optional.ofNullable(new ContentType(message.getContentType()).getParameter("report-type"))
            .orElse("").toLowerCase(Locale.ROOT);
        Multipart parts = (Multipart) message.getContent();
        Optional<String> originalId = Optional.empty();
        String fields = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status") || part.isMimeType("message/feedback-report")) {
                fields = text(part);
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                || part.isMimeType("message/rfc822-headers")) {
                originalId = originalId.or(() -> messageIdOf(part));
            }
        }
        if (fields == null || originalId.isEmpty()) {
            return Optional.empty();
        }
        return switch (reportType) {
            case "delivery-status" -> {
                List<String> failed = failedRecipients(fields);
                yield failed.isEmpty() ? Optional.empty()
                    : Optional.of(new DeliveryReport(Kind.BOUNCE, originalId.get(), failed));
            }
            case "feedback-report" -> Optional.of(new DeliveryReport(Kind.COMPLAINT, originalId.get(),
                addresses(headers(fields).getHeader("Original-Rcpt-To"))));
            default -> Optional.empty();
        };
    }

    /** Per-recipient blocks follow the per-message block; those whose Action is failed name a bounced recipient. */
    private static List<String> failedRecipients(String fields) {
        List<String> failed = new ArrayList<>();
        String[] blocks = BLANK_LINE.split(fields.strip());
        for (int i = 1; i < blocks.length; i++) {
            InternetHeaders block = headers(blocks[i]);
            String action = Optional.ofNullable(block.getHeader("Action", null)).orElse("").strip();
            if (action.equalsIgnoreCase("failed")) {
                failed.addAll(addresses(block.getHeader("Final-Recipient")));
            }
        }
        return failed;
    }

    /** Values like {@code rfc822; someone@example.com}: the address after the type. */
    private static List<String> addresses(String[] values) {
        List<String> addresses = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                String address = value.contains(";") ? value.substring(value.indexOf(';') + 1) : value;
                address = address.strip().replaceAll("^<|>$", "").toLowerCase(Locale.ROOT);
                if (address.contains("@")) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }

    private static Optional<String> messageIdOf(Part part) {
        try {
            Object content = part.getContent();
            String value = content instanceof MimeMessage enclosed ? enclosed.getHeader("Message-ID", null)
                : headers(text(part)).getHeader("Message-ID", null);
            if (value == null) {
                return Optional.empty();
            }
            Matcher matcher = MESSAGE_ID.matcher(value);
            return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
        } catch (MessagingException | IOException e) {
            return Optional.empty();
        }
    }

    private static InternetHeaders headers(String text) {
        try {
            return new InternetHeaders(new ByteArrayInputStream((text.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
        } catch (MessagingException e) {
            return new InternetHeaders();
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (content instanceof MimeMessage enclosed) {
            return String.join("\r\n", Collections.list(enclosed.getAllHeaderLines()));
        }
        return "";
    }
}
