package dev.agentmail.mime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MessageAuthorsTest {
    private static final String OWN = "agent@org-b.example";

    private static MimeMessage message(String authorHeaders) throws Exception {
        String raw = authorHeaders + "To: bob@remote.example\r\nSubject: hi\r\n\r\nhello\r\n";
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "From: agent@org-b.example\r\n",
        "From: Agent B <agent@org-b.example>\r\n",
        "From: \"Agent, B\" <Agent@ORG-B.example>\r\n",
        "From: Agent B\r\n <agent@org-b.example>\r\n",
        "From: =?utf-8?q?Agent_=C3=BC?= <agent@org-b.example>\r\nSender: agent@org-b.example\r\n",
        "From: agent@org-b.example (the agent)\r\n"})
    void theInboxsOwnAddressPasses(String headers) throws Exception {
        assertThat(MessageAuthors.mismatch(message(headers), OWN)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "From: ceo@org-a.example\r\n",
        "From: Agent B <ceo@org-a.example>\r\n",
        "From: agent@org-b.example\r\nSender: ceo@org-a.example\r\n",
        "From: agent@org-b.example, ceo@org-a.example\r\n",
        "From: agent@org-b.example\r\nFrom: ceo@org-a.example\r\n",
        "From: agent@org-b.example\r\nSender: agent@org-b.example\r\nSender: ceo@org-a.example\r\n",
        "From: friends: agent@org-b.example;\r\n",
        "From: <agent@org-b.example> <ceo@org-a.example>\r\n",
        "From: agent@org-b.example.evil.example\r\n",
        "From: agent@org-b.example@org-a.example\r\n"})
    void anyOtherOrAmbiguousAuthorIsRefused(String headers) throws Exception {
        assertThat(MessageAuthors.mismatch(message(headers), OWN)).isPresent();
    }

    @Test
    void theReasonNamesTheFieldAndTheForeignAddress() throws Exception {
        assertThat(MessageAuthors.mismatch(message("From: Boss <ceo@org-a.example>\r\n"), OWN))
            .contains("its From: header names ceo@org-a.example, not agent@org-b.example");
        assertThat(MessageAuthors.mismatch(message("From: agent@org-b.example\r\nSender: ceo@org-a.example\r\n"), OWN))
            .contains("its Sender: header names ceo@org-a.example, not agent@org-b.example");
        assertThat(MessageAuthors.mismatch(message(""), OWN))
            .contains("it has no From: header; it must be From: agent@org-b.example");
    }
}
