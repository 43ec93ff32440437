package dev.agentmail.mailets;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AssignDeliveryIdTest {
    private final AssignDeliveryId mailet = new AssignDeliveryId();

    @BeforeEach
    void setUp() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("AssignDeliveryId").build());
    }

    private static FakeMail mail(String name, String raw) throws Exception {
        return FakeMail.builder().name(name).state(Mail.DEFAULT).sender("alice@example.com").recipient("agent@agentmail.test")
            .mimeMessage(DeliveryReportTest.parse(raw)).build();
    }

    private static String written(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stampsTheMessageWithItsSpoolNameAndLeavesTheRestAlone() throws Exception {
        FakeMail mail = mail("Mail1700000000000-42", "From: alice@example.com\nSubject: Hi\n\nHello.\n");

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader(DeliveryIds.HEADER)).containsExactly("Mail1700000000000-42");
        assertThat(mail.getMessage().getSubject()).isEqualTo("Hi");
        assertThat(written(mail.getMessage())).contains(DeliveryIds.HEADER + ": Mail1700000000000-42").endsWith("Hello.\r\n");
        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(mail.getRecipients()).extracting(Object::toString).containsExactly("agent@agentmail.test");
    }

    @Test
    void aDeliveryIdFromOutsideIsReplacedNotKept() throws Exception {
        FakeMail mail = mail("Mail2-7", "From: alice@example.com\n" + DeliveryIds.HEADER + ": forged-1\n"
            + DeliveryIds.HEADER + ": forged-2\nSubject: Hi\n\nHello.\n");

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader(DeliveryIds.HEADER)).containsExactly("Mail2-7");
        assertThat(written(mail.getMessage())).doesNotContain("forged");
    }

    @Test
    void theStampIsTheSameOnEveryRedeliveryOfTheSameSpoolEntry() throws Exception {
        FakeMail first = mail("Mail3-1", "From: alice@example.com\n\nHello.\n");
        mailet.service(first);
        FakeMail again = mail("Mail3-1", written(first.getMessage()).replace("\r\n", "\n"));

        mailet.service(again);

        assertThat(again.getMessage().getHeader(DeliveryIds.HEADER)).containsExactly("Mail3-1");
    }
}
