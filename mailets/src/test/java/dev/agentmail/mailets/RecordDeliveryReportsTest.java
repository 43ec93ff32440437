package dev.agentmail.mailets;

import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.service.DeliveryOutcomes;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class RecordDeliveryReportsTest {
    private final DeliveryOutcomes outcomes = mock(DeliveryOutcomes.class);
    private final RecordDeliveryReports mailet = new RecordDeliveryReports(outcomes);

    @BeforeEach
    void setUp() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("RecordDeliveryReports").build());
    }

    private static FakeMail mail(String raw, String... recipients) throws Exception {
        return FakeMail.builder().name("report-1").state(Mail.DEFAULT).sender("mailer-daemon@mx.example.com")
            .mimeMessage(DeliveryReportTest.parse(raw)).recipients(recipients).build();
    }

    @Test
    void aBounceReportForAnInboxTellsWhichRecipientsFailed() throws Exception {
        FakeMail mail = mail(DeliveryReportTest.DSN, "agent@agentmail.test");

        mailet.service(mail);

        verify(outcomes).report(EventType.MESSAGE_BOUNCED, "agent@agentmail.test", "<original-1@agentmail.test>",
            List.of("gone@example.com"));
        assertThat(mail.getState()).as("the report is still delivered").isEqualTo(Mail.DEFAULT);
        assertThat(mail.getRecipients()).extracting(Object::toString).containsExactly("agent@agentmail.test");
    }

    @Test
    void anAbuseReportIsAComplaintForWhoComplained() throws Exception {
        mailet.service(mail(DeliveryReportTest.ARF, "agent@agentmail.test"));

        verify(outcomes).report(EventType.MESSAGE_COMPLAINED, "agent@agentmail.test", "<original-2@agentmail.test>",
            List.of("annoyed@example.com"));
    }

    @Test
    void eachRecipientOfTheReportIsAskedAboutAndOneFailureStopsNeitherTheOthersNorTheMail() throws Exception {
        when(outcomes.report(eq(EventType.MESSAGE_BOUNCED), eq("first@agentmail.test"), anyString(), anyList()))
            .thenThrow(new IllegalStateException("store down"));
        FakeMail mail = mail(DeliveryReportTest.DSN, "first@agentmail.test", "second@agentmail.test");

        mailet.service(mail);

        verify(outcomes).report(EventType.MESSAGE_BOUNCED, "second@agentmail.test", "<original-1@agentmail.test>",
            List.of("gone@example.com"));
        assertThat(mail.getRecipients()).hasSize(2);
    }

    @Test
    void ordinaryMailAndUnreadableReportsAreLetThrough() throws Exception {
        FakeMail ordinary = mail("From: alice@example.com\nSubject: Hi\n\nHello.\n", "agent@agentmail.test");
        FakeMail broken = mail("From: mailer-daemon@mx.example.com\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status\n\nno boundary at all\n", "agent@agentmail.test");

        mailet.service(ordinary);
        mailet.service(broken);

        verifyNoInteractions(outcomes);
        assertThat(broken.getState()).isEqualTo(Mail.DEFAULT);
    }
}
