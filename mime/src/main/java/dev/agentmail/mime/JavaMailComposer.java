package dev.agentmail.mime;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.ComposedMail;
import dev.agentmail.domain.model.OutgoingMail;
import dev.agentmail.domain.port.MimeComposer;
import dev.agentmail.domain.model.Ids;

import javax.activation.DataHandler;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimePart;
import javax.mail.internet.MimeUtility;
import javax.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Standard MIME with Jakarta Mail: text and HTML as multipart/alternative, files (and an enclosed original) in
 * multipart/mixed, a Message-ID on the inbox's domain, and no Bcc header in what recipients get.
 */
public class JavaMailComposer implements MimeComposer {
    private static final Session SESSION = Session.getInstance(new Properties());

    @Override
    public ComposedMail compose(OutgoingMail mail) {
        String messageId = "<" + Ids.base62(24) + "@" + mail.messageIdDomain() + ">";
        try {
            MimeMessage message = new FixedIdMessage(messageId);
            InternetAddress from = single("from", mail.fromAddress());
            if (mail.fromName().isPresent()) {
                from.setPersonal(mail.fromName().get(), "UTF-8");
            }
            message.setFrom(from);
            setRecipients(message, Message.RecipientType.TO, "to", mail.to());
            setRecipients(message, Message.RecipientType.CC, "cc", mail.cc());
            if (!mail.replyTo().isEmpty()) {
                message.setReplyTo(parse("reply_to", mail.replyTo()));
            }
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(new Date());
            mail.inReplyTo().ifPresent(id -> setHeader(message, "In-Reply-To", id));
            if (!mail.references().isEmpty()) {
                message.setHeader("References", MimeUtility.fold(12, String.join(" ", mail.references())));
            }
            for (Map.Entry<String, String> header : mail.headers().entrySet()) {
                message.addHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2,
                    MimeUtility.encodeText(header.getValue(), "UTF-8", null)));
            }
            setContent(message, mail);
            message.saveChanges();
            byte[] delivered = bytes(message);
            parse("bcc", mail.bcc());
            return new ComposedMail(messageId, delivered, withBcc(delivered, mail.bcc()));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not compose a message", e);
        }
    }

    private static void setContent(MimeMessage message, OutgoingMail mail) throws MessagingException {
        if (mail.attachments().isEmpty() && mail.enclosedMessage().isEmpty()) {
            fillBody(message, mail);
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        fillBody(body, mail);
        mixed.addBodyPart(body);
        for (OutgoingMail.OutgoingAttachment attachment : mail.attachments()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
            try {
                part.setFileName(MimeUtility.encodeText(attachment.filename(), "UTF-8", null));
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            // Base64 whatever the type: a text file must arrive byte for byte, not with its line ends rewritten.
            part.setHeader("Content-Transfer-Encoding", "base64");
            mixed.addBodyPart(part);
        }
        if (mail.enclosedMessage().isPresent()) {
            MimeBodyPart original = new MimeBodyPart();
            original.setContent(new MimeMessage(SESSION, new ByteArrayInputStream(mail.enclosedMessage().get())), "message/rfc822");
            original.setDisposition(MimeBodyPart.INLINE);
            mixed.addBodyPart(original);
        }
        message.setContent(mixed);
    }

    /** Text and HTML as multipart/alternative, or whichever of them there is; quoted-printable keeps lines short. */
    private static void fillBody(MimePart target, OutgoingMail mail) throws MessagingException {
        String text = mail.text().orElse(null);
        String html = mail.html().orElse(null);
        if (text != null && html != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plainPart = new MimeBodyPart();
            fillText(plainPart, text, "plain");
            MimeBodyPart htmlPart = new MimeBodyPart();
            fillText(htmlPart, html, "html");
            alternative.addBodyPart(plainPart);
            alternative.addBodyPart(htmlPart);
            target.setContent(alternative);
        } else if (html != null) {
            fillText(target, html, "html");
        } else {
            fillText(target, text == null ? "" : text, "plain");
        }
    }

    private static void fillText(MimePart target, String content, String subtype) throws MessagingException {
        target.setText(content, "UTF-8", subtype);
        target.setHeader("Content-Transfer-Encoding", "quoted-printable");
    }

    private static void setRecipients(MimeMessage message, Message.RecipientType type, String field, List<String> addresses)
        throws MessagingException {
        if (!addresses.isEmpty()) {
            message.setRecipients(type, parse(field, addresses));
        }
    }

    private static void setHeader(MimeMessage message, String name, String value) {
        try {
            message.setHeader(name, value);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static InternetAddress single(String field, String address) {
        InternetAddress[] parsed = parse(field, List.of(address));
        return parsed[0];
    }

    /** Strict RFC 5322 parsing: one address per entry, with a domain; the error names the request field. */
    static InternetAddress[] parse(String field, List<String> addresses) {
        List<InternetAddress> parsed = new ArrayList<>();
        for (String address : addresses) {
            if (address == null || address.isBlank() || address.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException(field, "invalid address in " + field + ": it must be one address without control characters");
            }
            try {
                InternetAddress[] one = InternetAddress.parse(address, true);
                if (one.length != 1 || !one[0].getAddress().contains("@")) {
                    throw new AddressException("one address with a domain is expected");
                }
                one[0].validate();
                if (one[0].getPersonal() != null) {
                    // Parsing keeps the name as typed; a non-ASCII one must go out as an RFC 2047 encoded word.
                    one[0].setPersonal(one[0].getPersonal(), "UTF-8");
                }
                parsed.add(one[0]);
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            } catch (AddressException e) {
                throw new InvalidInputException(field, "invalid address in " + field + ": '" + address + "'");
            }
        }
        return parsed.toArray(InternetAddress[]::new);
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] withBcc(byte[] delivered, List<String> bcc) throws MessagingException {
        if (bcc.isEmpty()) {
            return delivered;
        }
        String header = "Bcc: " + MimeUtility.fold(5, InternetAddress.toString(parse("bcc", bcc))) + "\r\n";
        byte[] prefix = header.getBytes(StandardCharsets.UTF_8);
        byte[] copy = new byte[prefix.length + delivered.length];
        System.arraycopy(prefix, 0, copy, 0, prefix.length);
        System.arraycopy(delivered, 0, copy, prefix.length, delivered.length);
        return copy;
    }

    /** Jakarta Mail replaces the Message-ID at each save; ours must stay, since replies refer to it. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
