package dev.agentmail.mailets;

import dev.agentmail.domain.event.DomainEvents;
import dev.agentmail.domain.model.DkimKey;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.domain.port.MailDomains;
import dev.agentmail.domain.service.DkimKeys;
import dev.agentmail.domain.service.DomainService;
import dev.agentmail.domain.service.DomainSettings;
import dev.agentmail.domain.service.MillisecondClock;
import dev.agentmail.domain.service.PlatformSettings;
import dev.agentmail.domain.store.InMemoryDomainRepository;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** Signs with jDKIM and checks with jDKIM's verifier; the server's integration tests check with an independent one. */
class DkimSignTest {
    private DomainService domains;
    private Domain example;
    private DkimSign mailet;

    @BeforeEach
    void setUp() {
        domains = new DomainService(new InMemoryDomainRepository(), new InMemoryInboxRepository(), mock(MailDomains.class),
            mock(DnsLookup.class), new DomainEvents(), new PlatformSettings("agentmail.test", 10, 10, 1024, false),
            new DomainSettings("mx.agentmail.test", 10, "_spf.agentmail.test", "dkim", Optional.empty(), false,
                Optional.empty()), MillisecondClock.systemUTC());
        example = domains.create("org_1", new DomainService.NewDomain("example.com", null));
        mailet = new DkimSign(domains);
    }

    private static MimeMessage message(String from) throws Exception {
        String raw = "From: Agent <" + from + ">\r\n"
            + "To: bob@remote.test\r\n"
            + "Subject: Signed   hello\r\n"
            + "Date: Wed, 15 Jan 2025 10:30:00 +0000\r\n"
            + "Message-ID: <1@example.com>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 7bit\r\n"
            + "\r\n"
            + "Hello Bob.\r\n";
        return parse(raw);
    }

    /** Mail an inbox sent itself: SMTP AUTH and the API both leave its address as the authenticated user. */
    private static FakeMail mail(String sender, MimeMessage message) throws Exception {
        return FakeMail.builder().name("mail-1").sender(sender).recipient("bob@remote.test").mimeMessage(message)
            .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(sender))).build();
    }

    /** Mail passing through: forwarded by a recipient rewrite, or otherwise sent on by a mailet. */
    private static FakeMail passingThrough(String sender, MimeMessage message) throws Exception {
        return FakeMail.builder().name("mail-2").sender(sender).recipient("bob@remote.test").mimeMessage(message)
            .attribute(Mail.SENT_BY_MAILET_ATTRIBUTE).build();
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private List<SignatureRecord> verify(byte[] raw) throws Exception {
        return verify(raw, "example.com", example.records().get(2).value());
    }

    private static List<SignatureRecord> verify(byte[] raw, String domain, String record) throws Exception {
        return new DKIMVerifier((method, selector, token) -> {
            assertThat(selector.toString() + "._domainkey." + token).isEqualTo("dkim._domainkey." + domain);
            return List.of(record);
        }).verify(new ByteArrayInputStream(raw));
    }

    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mailFromACustomDomainIsSignedWithItsKeyRelaxedOverTheVisibleHeaders() throws Exception {
        FakeMail mail = mail("agent@example.com", message("agent@example.com"));

        mailet.service(mail);

        String signature = mail.getMessage().getHeader("DKIM-Signature", null);
        assertThat(signature).contains("d=example.com", "s=dkim", "c=relaxed/relaxed", "a=rsa-sha256",
            "h=From:Subject:Date:Message-ID:To:MIME-Version:Content-Type:Content-Transfer-Encoding");
        byte[] raw = bytes(mail.getMessage());
        assertThat(new String(raw, StandardCharsets.UTF_8)).startsWith("DKIM-Signature:");
        assertThat(verify(raw)).hasSize(1);
    }

    @Test
    void aChangedSubjectOrBodyBreaksTheSignature() throws Exception {
        FakeMail mail = mail("agent@example.com", message("agent@example.com"));
        mailet.service(mail);
        String raw = new String(bytes(mail.getMessage()), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verify(raw.replace("Subject: Signed", "Subject: Forged").getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(FailException.class);
        assertThatThrownBy(() -> verify(raw.replace("Hello Bob.", "Hello Eve.").getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(FailException.class);
    }

    @Test
    void mailOfOtherDomainsOrWithAnotherFromIsLeftUnsigned() throws Exception {
        FakeMail otherFrom = mail("agent@example.com", message("ceo@bank.test"));
        FakeMail unknown = mail("agent@unknown.test", message("agent@unknown.test"));
        FakeMail platform = mail("agent@agentmail.test", message("agent@agentmail.test"));

        mailet.service(otherFrom);
        mailet.service(unknown);
        mailet.service(platform);

        assertThat(otherFrom.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(unknown.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(platform.getMessage().getHeader("DKIM-Signature")).as("no platform key configured").isNull();
    }

    @Test
    void platformMailIsSignedWithThePlatformKeyWhenOneIsConfigured() throws Exception {
        DkimKey platformKey = DkimKeys.generate("dkim");
        DomainService withPlatformKey = new DomainService(new InMemoryDomainRepository(), new InMemoryInboxRepository(),
            mock(MailDomains.class), mock(DnsLookup.class), new DomainEvents(),
            new PlatformSettings("agentmail.test", 10, 10, 1024, false),
            new DomainSettings("mx.agentmail.test", 10, "_spf.agentmail.test", "dkim", Optional.empty(), false,
                Optional.of(DkimKeys.privateKey(platformKey))), MillisecondClock.systemUTC());
        FakeMail mail = mail("agent@agentmail.test", message("agent@agentmail.test"));

        new DkimSign(withPlatformKey).service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature", null)).contains("d=agentmail.test", "s=dkim");
        assertThat(verify(bytes(mail.getMessage()), "agentmail.test", "v=DKIM1; k=rsa; p=" + platformKey.publicKey()))
            .hasSize(1);
    }

    @Test
    void theDomainsAreComparedWithoutCase() throws Exception {
        FakeMail mail = mail("Agent@EXAMPLE.com", message("agent@Example.COM"));

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature", null)).contains("d=example.com");
        assertThat(verify(bytes(mail.getMessage()))).hasSize(1);
    }

    @Test
    void bouncesWithoutASenderAndMailWhoseFromNamesAnotherDomainTooAreLeftUnsigned() throws Exception {
        FakeMail bounce = FakeMail.builder().name("bounce-1").recipient("bob@remote.test")
            .mimeMessage(message("agent@example.com")).build();
        FakeMail mixedFrom = mail("agent@example.com", parse(new String(bytes(message("agent@example.com")),
            StandardCharsets.UTF_8).replace("From: Agent <agent@example.com>",
            "From: Agent <agent@example.com>, Boss <ceo@bank.test>")));
        FakeMail noFrom = mail("agent@example.com", parse(new String(bytes(message("agent@example.com")),
            StandardCharsets.UTF_8).replace("From: Agent <agent@example.com>\r\n", "")));

        mailet.service(bounce);
        mailet.service(mixedFrom);
        mailet.service(noFrom);

        assertThat(bounce.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(mixedFrom.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(noFrom.getMessage().getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void mailNoInboxOfOursSentIsLeftUnsignedEvenWhenItsFromIsOurs() throws Exception {
        FakeMail forwarded = passingThrough("agent@example.com", message("agent@example.com"));

        mailet.service(forwarded);

        assertThat(forwarded.getMessage().getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void anInboxIsSignedForOnlyAsItselfNotForAnotherAddressOfItsDomain() throws Exception {
        FakeMail otherInbox = mail("agent@example.com", message("ceo@example.com"));
        FakeMail otherSender = mail("agent@example.com", parse(new String(bytes(message("agent@example.com")),
            StandardCharsets.UTF_8).replace("To: bob", "Sender: ceo@example.com\r\nTo: bob")));

        mailet.service(otherInbox);
        mailet.service(otherSender);

        assertThat(otherInbox.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(otherSender.getMessage().getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void theOtherHeadersThatGiveMeaningAreSignedWhenPresentAndKeepTheirOrder() throws Exception {
        String raw = new String(bytes(message("agent@example.com")), StandardCharsets.UTF_8).replace("To: bob@remote.test\r\n",
            "To: bob@remote.test\r\nCc: carol@remote.test\r\nReply-To: replies@example.com\r\nSender: agent@example.com\r\n"
                + "In-Reply-To: <0@remote.test>\r\nReferences: <0@remote.test>\r\nX-Trace: kept\r\n");
        FakeMail mail = mail("agent@example.com", parse(raw));
        List<String> before = Collections.list(mail.getMessage().getAllHeaderLines());

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature", null)).contains("h=From:Sender:Reply-To:Subject:Date:"
            + "Message-ID:To:Cc:In-Reply-To:References:MIME-Version:Content-Type:Content-Transfer-Encoding;");
        List<String> after = Collections.list(mail.getMessage().getAllHeaderLines());
        assertThat(after.get(0)).startsWith("DKIM-Signature:");
        assertThat(after.subList(1, after.size())).isEqualTo(before);
        String signed = new String(bytes(mail.getMessage()), StandardCharsets.UTF_8);
        assertThat(verify(signed.getBytes(StandardCharsets.UTF_8))).hasSize(1);
        assertThat(verify(signed.replace("X-Trace: kept", "X-Trace: changed").getBytes(StandardCharsets.UTF_8)))
            .as("an unsigned header may change").hasSize(1);
        assertThatThrownBy(() -> verify(signed.replace("Reply-To: replies@", "Reply-To: thief@")
            .getBytes(StandardCharsets.UTF_8))).isInstanceOf(FailException.class);
    }
}
