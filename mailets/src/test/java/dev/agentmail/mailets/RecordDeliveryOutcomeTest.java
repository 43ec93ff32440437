package dev.agentmail.mailets;

import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.service.DeliveryOutcomes;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.mail.MessagingException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** FakeMailContext counts "localhost" as the server's own domain, so our inboxes here live on it. */
class RecordDeliveryOutcomeTest {
    private final DeliveryOutcomes outcomes = mock(DeliveryOutcomes.class);

    private RecordDeliveryOutcome mailet(String outcome) throws MessagingException {
        RecordDeliveryOutcome mailet = new RecordDeliveryOutcome(outcomes);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RecordDeliveryOutcome")
            .mailetContext(FakeMailContext.defaultContext());
        if (outcome != null) {
            config.setProperty("outcome", outcome);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static FakeMail mail(String sender, String headers, String... recipients) throws Exception {
        FakeMail.Builder builder = FakeMail.builder().name("mail-1").state(Mail.DEFAULT)
            .mimeMessage(DeliveryReportTest.parse(headers + "Subject: Hi\n\nHello.\n")).recipients(recipients);
        if (sender != null) {
            builder.sender(sender);
        }
        return builder.build();
    }

    @ParameterizedTest
    @CsvSource({"delivered, MESSAGE_DELIVERED", "Delivered, MESSAGE_DELIVERED", "rejected, MESSAGE_REJECTED",
        "REJECTED, MESSAGE_REJECTED"})
    void reportsTheConfiguredOutcomeOfMailALocalSenderSentForEachRecipient(String configured, EventType outcome)
        throws Exception {
        FakeMail mail = mail("agent@localhost", "Message-ID: <m1@localhost>\n", "bob@remote.test", "carol@remote.test");

        mailet(configured).service(mail);

        verify(outcomes).report(outcome, "agent@localhost", "<m1@localhost>", List.of("bob@remote.test", "carol@remote.test"));
        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(mail.getRecipients()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bounced", "complained", "sent", "received", "", "message.delivered"})
    void onlyDeliveredOrRejectedCanBeConfigured(String configured) {
        assertThatThrownBy(() -> mailet(configured)).isInstanceOf(MessagingException.class)
            .hasMessage("outcome must be delivered or rejected, not '" + configured + "'");
    }

    @Test
    void anOutcomeMustBeConfigured() {
        assertThatThrownBy(() -> mailet(null)).isInstanceOf(MessagingException.class)
            .hasMessageContaining("outcome must be delivered or rejected");
    }

    @Test
    void mailFromElsewhereOrWithoutSenderMessageIdOrRecipientsCostsNoLookup() throws Exception {
        RecordDeliveryOutcome mailet = mailet("delivered");

        mailet.service(mail("alice@example.com", "Message-ID: <m1@example.com>\n", "agent@localhost"));
        mailet.service(mail(null, "Message-ID: <m2@localhost>\n", "bob@remote.test"));
        mailet.service(mail("agent@localhost", "", "bob@remote.test"));
        mailet.service(mail("agent@localhost", "Message-ID: <m3@localhost>\n"));

        verifyNoInteractions(outcomes);
    }

    @Test
    void aFailureToReportNeverStopsTheMail() throws Exception {
        when(outcomes.report(any(), anyString(), anyString(), anyList())).thenThrow(new IllegalStateException("store down"));
        FakeMail mail = mail("agent@localhost", "Message-ID: <m1@localhost>\n", "bob@remote.test");

        mailet("rejected").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(mail.getRecipients()).extracting(Object::toString).containsExactly("bob@remote.test");
    }
}
