package dev.agentmail.mime;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.ParseException;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a message's author fields, {@code From:} and {@code Sender:}, name one given address and nothing else: what
 * submission demands of an authenticated inbox, and what the DKIM signer demands before signing for it. Read with
 * mime4j's strict RFC 5322 parser, so that a field a receiver could read differently (two From fields, a group,
 * several mailboxes, a malformed address) never passes.
 */
public final class MessageAuthors {
    private MessageAuthors() {
    }

    /**
     * @param entitled the one address the message may claim as its author
     * @return why the message's author fields do not name only {@code entitled}; empty when they do
     */
    public static Optional<String> mismatch(MimeMessage message, String entitled) {
        String[] from;
        String[] sender;
        try {
            from = message.getHeader("From");
            sender = message.getHeader("Sender");
        } catch (MessagingException e) {
            return Optional.of("its headers cannot be read");
        }
        if (from == null || from.length == 0) {
            return Optional.of("it has no From: header; it must be From: " + entitled);
        }
        Optional<String> problem = mismatch("From", from, entitled);
        return problem.isPresent() || sender == null ? problem : mismatch("Sender", sender, entitled);
    }

    private static Optional<String> mismatch(String field, String[] values, String entitled) {
        if (values.length > 1) {
            return Optional.of("it has " + values.length + " " + field + ": headers; one is allowed");
        }
        AddressList addresses;
        try {
            addresses = DefaultAddressParser.DEFAULT.parseAddressList(unfold(values[0]), DecodeMonitor.SILENT);
        } catch (ParseException e) {
            return Optional.of("its " + field + ": header is not a valid address");
        }
        if (addresses.size() != 1 || !(addresses.get(0) instanceof Mailbox mailbox)) {
            return Optional.of("its " + field + ": header must name exactly one address, " + entitled);
        }
        if (!mailbox.getAddress().toLowerCase(Locale.ROOT).equals(entitled.toLowerCase(Locale.ROOT))) {
            return Optional.of("its " + field + ": header names " + printable(mailbox) + ", not " + entitled);
        }
        return Optional.empty();
    }

    /** RFC 5322 2.2.3: a folded field is one line without its line breaks. */
    private static String unfold(String value) {
        return value.replaceAll("\r?\n(?=[ \t])", "");
    }

    /** The address goes back into an SMTP reply: nothing but printable ASCII. */
    private static String printable(Mailbox mailbox) {
        return mailbox.getAddress().replaceAll("[^!-~]", "?");
    }
}
