package dev.agentmail.mailets;

import dev.agentmail.domain.event.DomainEvents;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.port.DnsLookup;
import dev.agentmail.domain.port.MailDomains;
import dev.agentmail.domain.service.DomainService;
import dev.agentmail.domain.service.DomainSettings;
import dev.agentmail.domain.service.PlatformSettings;
import dev.agentmail.domain.store.InMemoryDomainRepository;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import dev.agentmail.domain.service.MillisecondClock;
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
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static FakeMail mail(String sender, MimeMessage message) throws Exception {
        return FakeMail.builder().name("mail-1").sender(sender).recipient("bob@remote.test").mimeMessage(message).build();
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private List<SignatureRecord> verify(byte[] raw) throws Exception {
        String record = example.records().get(2).value();
        return new DKIMVerifier((method, selector, token) -> {
            assertThat(selector.toString() + "._domainkey." + token).isEqualTo("dkim._domainkey.example.com");
            return List.of(record);
        }).verify(new ByteArrayInputStream(raw));
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
}
