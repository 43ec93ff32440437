package dev.agentmail.mailets;

import org.junit.jupiter.api.Test;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryReportTest {
    static final String DSN = """
        From: MAILER-DAEMON@mx.example.com
        To: agent@agentmail.test
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Your message could not be delivered to one recipient.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.com
        Arrival-Date: Mon, 23 Nov 2026 10:00:00 +0000

        Final-Recipient: rfc822; gone@example.com
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 no such user

        Final-Recipient: rfc822; fine@example.com
        Action: delayed
        Status: 4.4.1

        --b1
        Content-Type: text/rfc822-headers

        From: agent@agentmail.test
        To: gone@example.com, fine@example.com
        Subject: Hello
        Message-ID: <original-1@agentmail.test>

        --b1--
        """;

    static final String ARF = """
        From: abuse@isp.example.com
        To: agent@agentmail.test
        Subject: FW: Hello
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="b2"

        --b2
        Content-Type: text/plain

        This is an email abuse report.

        --b2
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: SomeGenerator/1.0
        Version: 1
        Original-Mail-From: <agent@agentmail.test>
        Original-Rcpt-To: <Annoyed@example.com>

        --b2
        Content-Type: message/rfc822

        From: agent@agentmail.test
        To: annoyed@example.com
        Subject: Hello
        Message-ID: <original-2@agentmail.test>

        Buy now.
        --b2--
        """;

    static MimeMessage parse(String text) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDeliveryStatusNotificationNamesTheFailedRecipientsOnly() throws Exception {
        assertThat(DeliveryReport.of(parse(DSN))).contains(new DeliveryReport(DeliveryReport.Kind.BOUNCE,
            "<original-1@agentmail.test>", java.util.List.of("gone@example.com")));
    }

    @Test
    void anAbuseReportNamesWhoComplained() throws Exception {
        assertThat(DeliveryReport.of(parse(ARF))).contains(new DeliveryReport(DeliveryReport.Kind.COMPLAINT,
            "<original-2@agentmail.test>", java.util.List.of("annoyed@example.com")));
    }

    @Test
    void ordinaryMailAndReportsWithoutFailuresAreNotReports() throws Exception {
        assertThat(DeliveryReport.of(parse("From: a@b.c\nSubject: hi\n\nhello\n"))).isEmpty();
        assertThat(DeliveryReport.of(parse(DSN.replace("Action: failed", "Action: delivered")))).isEmpty();
        assertThat(DeliveryReport.of(parse(DSN.replace("Message-ID: <original-1@agentmail.test>", "")))).isEmpty();
        assertThat(DeliveryReport.of(parse(DSN.replace("multipart/report; report-type=delivery-status",
            "multipart/mixed")))).isEmpty();
    }
}
