package dev.agentmail.mailets;

import dev.agentmail.domain.service.DomainService;
import org.apache.james.core.MailAddress;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.mailets.CRLFOutputStream;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import javax.mail.Address;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Signs outbound mail with the DKIM key of the sender's domain (relaxed/relaxed, rsa-sha256): a custom domain's own
 * key, or the platform's when one is configured. Placed last before RemoteDelivery, after ConvertTo7Bit, so that
 * nothing changes the signed bytes afterwards. The sender is the envelope's, which SMTP AUTH and the API vouch for;
 * mail whose From names another domain is left unsigned rather than signed for a domain it does not claim.
 */
public class DkimSign extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimSign.class);
    /** Signed when present: the headers a reader sees and the ones that give the body its meaning. */
    static final List<String> SIGNED_HEADERS = List.of("From", "Sender", "Reply-To", "Subject", "Date", "Message-ID",
        "To", "Cc", "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding");

    private final DomainService domains;

    @Inject
    public DkimSign(DomainService domains) {
        this.domains = domains;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> domain = mail.getMaybeSender().asOptional().map(sender -> sender.getDomain().asString());
        if (domain.isEmpty()) {
            return;
        }
        MimeMessage message = mail.getMessage();
        if (!fromDomainIs(message, domain.get())) {
            LOGGER.debug("Not signing {}: its From is not of the sender's domain {}", mail.getName(), domain.get());
            return;
        }
        Optional<DomainService.SigningKey> key = domains.signingKey(domain.get());
        if (key.isEmpty()) {
            return;
        }
        prepend(message, signature(message, key.get()));
    }

    private static String signature(MimeMessage message, DomainService.SigningKey key) throws MessagingException {
        List<String> signed = SIGNED_HEADERS.stream().filter(name -> hasHeader(message, name)).toList();
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain() + "; s=" + key.selector()
            + "; h=" + String.join(":", signed) + "; bh=; b=;";
        try {
            // The bytes RemoteDelivery will send: SMTP lines end in CRLF.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (CRLFOutputStream out = new CRLFOutputStream(bytes)) {
                message.writeTo(out);
            }
            return new DKIMSigner(template, key.privateKey()).sign(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException | FailException e) {
            throw new MessagingException("could not DKIM-sign for " + key.domain(), e);
        }
    }

    private static boolean fromDomainIs(MimeMessage message, String domain) {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException e) {
            return false;
        }
        if (from == null || from.length == 0) {
            return false;
        }
        for (Address address : from) {
            if (!(address instanceof InternetAddress internet)
                || !domainOf(internet.getAddress()).equals(domain.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean hasHeader(MimeMessage message, String name) {
        try {
            return message.getHeader(name) != null;
        } catch (MessagingException e) {
            return false;
        }
    }

    /** JavaMail only appends headers: the signature goes on top, where receivers expect the newest trace headers. */
    private static void prepend(MimeMessage message, String header) throws MessagingException {
        List<String> lines = Collections.list(message.getAllHeaderLines());
        for (Header existing : Collections.list(message.getAllHeaders())) {
            message.removeHeader(existing.getName());
        }
        message.addHeaderLine(header);
        for (String line : lines) {
            message.addHeaderLine(line);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Signs outbound mail with the DKIM key of the sender's domain";
    }
}
