package dev.agentmail.mailets.inbound;

import dev.agentmail.domain.service.DomainSettings;
import org.apache.james.core.Username;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AddAuthenticationResultsTest {
    private static final String OURS = "mx.agentmail.test;\r\n\tspf=pass;\r\n\tdkim=none;\r\n\tdmarc=pass";
    private final AddAuthenticationResults mailet = new AddAuthenticationResults(new DomainSettings("mx.agentmail.test",
        10, "_spf.agentmail.test", "dkim", Optional.empty(), false, Optional.empty()));

    @BeforeEach
    void setUp() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("AddAuthenticationResults").build());
    }

    private static FakeMail mail(String headers) throws Exception {
        return FakeMail.builder().name("m1").state(Mail.DEFAULT).sender("a@outside.test").recipient("agent@agentmail.test")
            .mimeMessage(new MimeMessage(Session.getDefaultInstance(new Properties()), new ByteArrayInputStream(
                (headers + "From: a@outside.test\nSubject: Hi\n\nHello.\n").replace("\n", "\r\n")
                    .getBytes(StandardCharsets.US_ASCII)))).build();
    }

    @Test
    void forgedFieldsClaimingUsGoOthersStayAndOursIsAdded() throws Exception {
        FakeMail mail = mail("Authentication-Results: MX.agentmail.test; dmarc=pass\n"
            + "Authentication-Results: relay.test; spf=pass\n");
        mail.setAttribute(new Attribute(InboundAuthenticationHook.RESULTS, AttributeValue.of(OURS)));

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("Authentication-Results"))
            .containsExactlyInAnyOrder("relay.test; spf=pass", OURS);
        assertThat(StorageDirective.fromMail(Username.of("agent@agentmail.test"), mail).getFlags()).isEmpty();
    }

    @Test
    void mailTheInboundPortDidNotJudgeKeepsNoFieldOfOurs() throws Exception {
        FakeMail mail = mail("Authentication-Results: mx.agentmail.test; spf=pass; dkim=pass; dmarc=pass\n");

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("Authentication-Results")).isNull();
    }

    @Test
    void quarantineIsAKeywordForEachRecipient() throws Exception {
        FakeMail mail = mail("");
        mail.setAttribute(new Attribute(InboundAuthenticationHook.RESULTS, AttributeValue.of(OURS)));
        mail.setAttribute(new Attribute(InboundAuthenticationHook.QUARANTINE, AttributeValue.of(true)));

        mailet.service(mail);

        assertThat(StorageDirective.fromMail(Username.of("agent@agentmail.test"), mail).getFlags().orElseThrow()
            .getUserFlags()).containsExactly("quarantine");
    }
}
