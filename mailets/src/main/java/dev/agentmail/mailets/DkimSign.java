package dev.agentmail.mailets;

import dev.agentmail.domain.service.DomainService;
import dev.agentmail.mime.MessageAuthors;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.mailets.CRLFOutputStream;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Signs outbound mail with the DKIM key of its author's domain (relaxed/relaxed, rsa-sha256): a custom domain's own
 * key, or the platform's when one is configured. Placed last before RemoteDelivery, after ConvertTo7Bit, so that
 * nothing changes the signed bytes afterwards.
 * <p>
 * Only what we are entitled to sign is signed: mail that an inbox sent itself, through SMTP AUTH or the API (both
 * leave the inbox's address as {@link Mail#SMTP_AUTH_USER}), and whose From (and Sender) is that inbox's address.
 * Mail that passes through otherwise, such as outside mail forwarded by a recipient rewrite or a bounce, goes
 * unsigned: signing it would vouch for an author nobody authenticated.
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
        Optional<String> author = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class);
        if (author.isEmpty()) {
            LOGGER.debug("Not signing {}: no inbox of ours sent it", mail.getName());
            return;
        }
        MimeMessage message = mail.getMessage();
        Optional<String> mismatch = MessageAuthors.mismatch(message, author.get());
        if (mismatch.isPresent()) {
            LOGGER.debug("Not signing {}: {}", mail.getName(), mismatch.get());
            return;
        }
        Optional<DomainService.SigningKey> key = domains.signingKey(domainOf(author.get()));
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

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
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
        return "Signs mail our inboxes send with the DKIM key of their domain";
    }
}
