package dev.agentmail.mime;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.ComposedMail;
import dev.agentmail.domain.model.OutgoingMail;
import dev.agentmail.domain.model.OutgoingMail.OutgoingAttachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.mail.Address;
import javax.mail.BodyPart;
import javax.mail.Message;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JavaMailComposerTest {
    private static final Session SESSION = Session.getInstance(new Properties());
    private final JavaMailComposer composer = new JavaMailComposer();

    /** Fields of a message an inbox sends; each test changes what it is about. */
    private record Mail(String from, Optional<String> fromName, List<String> to, List<String> cc, List<String> bcc,
                        List<String> replyTo, String subject, Optional<String> text, Optional<String> html,
                        List<OutgoingAttachment> attachments, Map<String, String> headers, Optional<String> inReplyTo,
                        List<String> references, Optional<byte[]> enclosed) {
        static Mail plain() {
            return new Mail("agent@agentmail.test", Optional.empty(), List.of("bob@remote.test"), List.of(), List.of(),
                List.of(), "Hello", Optional.of("Hello Bob."), Optional.empty(), List.of(), Map.of(), Optional.empty(),
                List.of(), Optional.empty());
        }

        Mail to(List<String> value) {
            return new Mail(from, fromName, value, cc, bcc, replyTo, subject, text, html, attachments, headers, inReplyTo, references, enclosed);
        }

        Mail cc(List<String> value) {
            return new Mail(from, fromName, to, value, bcc, replyTo, subject, text, html, attachments, headers, inReplyTo, references, enclosed);
        }

        Mail bcc(List<String> value) {
            return new Mail(from, fromName, to, cc, value, replyTo, subject, text, html, attachments, headers, inReplyTo, references, enclosed);
        }

        Mail replyTo(List<String> value) {
            return new Mail(from, fromName, to, cc, bcc, value, subject, text, html, attachments, headers, inReplyTo, references, enclosed);
        }

        Mail from(String address, String name) {
            return new Mail(address, Optional.ofNullable(name), to, cc, bcc, replyTo, subject, text, html, attachments, headers, inReplyTo, references, enclosed);
        }

        Mail subject(String value) {
            return new Mail(from, fromName, to, cc, bcc, replyTo, value, text, html, attachments, headers, inReplyTo, references, enclosed);
        }

        Mail bodies(String newText, String newHtml) {
            return new Mail(from, fromName, to, cc, bcc, replyTo, subject, Optional.ofNullable(newText), Optional.ofNullable(newHtml), attachments, headers, inReplyTo, references, enclosed);
        }

        Mail attachments(OutgoingAttachment... value) {
            return new Mail(from, fromName, to, cc, bcc, replyTo, subject, text, html, List.of(value), headers, inReplyTo, references, enclosed);
        }

        Mail headers(Map<String, String> value) {
            return new Mail(from, fromName, to, cc, bcc, replyTo, subject, text, html, attachments, value, inReplyTo, references, enclosed);
        }

        Mail threading(String parent, List<String> ancestors) {
            return new Mail(from, fromName, to, cc, bcc, replyTo, subject, text, html, attachments, headers, Optional.of(parent), ancestors, enclosed);
        }

        Mail enclosing(byte[] original) {
            return new Mail(from, fromName, to, cc, bcc, replyTo, subject, text, html, attachments, headers, inReplyTo, references, Optional.of(original));
        }

        OutgoingMail outgoing() {
            return new OutgoingMail(from, fromName, to, cc, bcc, replyTo, subject, text, html, attachments, headers, inReplyTo,
                references, enclosed, "agentmail.test");
        }
    }

    private ComposedMail compose(Mail mail) {
        return composer.compose(mail.outgoing());
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    private static String raw(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    private static byte[] read(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private InvalidInputException refusal(Mail mail) {
        InvalidInputException refusal = catchThrowableOfType(() -> compose(mail), InvalidInputException.class);
        assertThat(refusal).as("refusal of " + mail).isNotNull();
        return refusal;
    }

    @Test
    void aTextMessageIsOneQuotedPrintableUtf8PartWithTheHeadersGiven() throws Exception {
        ComposedMail composed = compose(Mail.plain().from("agent@agentmail.test", "Agent Ünïcode")
            .cc(List.of("Carol <carol@remote.test>")).replyTo(List.of("replies@agentmail.test"))
            .subject("Grüße — an update").bodies("Héllo Bob,\nsee you.", null));

        MimeMessage message = parse(composed.delivered());
        assertThat(message.getFrom()).containsExactly(new InternetAddress("agent@agentmail.test", "Agent Ünïcode", "UTF-8"));
        assertThat(addresses(message.getRecipients(Message.RecipientType.TO))).containsExactly("bob@remote.test");
        assertThat(addresses(message.getRecipients(Message.RecipientType.CC))).containsExactly("carol@remote.test");
        assertThat(addresses(message.getReplyTo())).containsExactly("replies@agentmail.test");
        assertThat(message.getSubject()).isEqualTo("Grüße — an update");
        assertThat(message.getSentDate()).isNotNull();
        assertThat(message.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(message.isMimeType("text/plain")).isTrue();
        assertThat(message.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(message.getEncoding()).isEqualTo("quoted-printable");
        assertThat(message.getContent()).as("text line ends are CRLF on the wire").isEqualTo("Héllo Bob,\r\nsee you.");
        assertThat(raw(composed.delivered())).as("headers and body are 7-bit").matches("[\\x00-\\x7F]*");
    }

    @Test
    void theMessageIdIsOnTheInboxDomainAndStaysWhatTheAnswerSays() throws Exception {
        ComposedMail first = compose(Mail.plain());
        ComposedMail second = compose(Mail.plain());

        assertThat(first.rfcMessageId()).matches("<[0-9A-Za-z]{24}@agentmail\\.test>").isNotEqualTo(second.rfcMessageId());
        assertThat(parse(first.delivered()).getMessageID()).isEqualTo(first.rfcMessageId());
        assertThat(parse(first.sentCopy()).getMessageID()).isEqualTo(first.rfcMessageId());
    }

    @Test
    void textAndHtmlMakeAnAlternativeWithTheTextFirst() throws Exception {
        MimeMessage message = parse(compose(Mail.plain().bodies("Plain words", "<p>Rich <b>words</b></p>")).delivered());

        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        Multipart alternative = (Multipart) message.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Plain words");
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>Rich <b>words</b></p>");
    }

    @Test
    void htmlAloneIsAnHtmlPartAndNoBodyAtAllAnEmptyTextOne() throws Exception {
        MimeMessage html = parse(compose(Mail.plain().bodies(null, "<p>Only HTML</p>")).delivered());
        MimeMessage empty = parse(compose(Mail.plain().bodies(null, null)).delivered());

        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat(html.getContent()).isEqualTo("<p>Only HTML</p>");
        assertThat(empty.isMimeType("text/plain")).isTrue();
        assertThat(empty.getContent()).isEqualTo("");
    }

    @Test
    void longLinesAreWrappedForTransportAndComeBackWhole() throws Exception {
        String line = "word ".repeat(400).strip();
        ComposedMail composed = compose(Mail.plain().bodies(line, null)
            .headers(Map.of("X-Long", "value ".repeat(40).strip())));

        assertThat(raw(composed.delivered()).split("\r\n")).allSatisfy(wire -> assertThat(wire.length()).isLessThanOrEqualTo(78));
        MimeMessage message = parse(composed.delivered());
        assertThat(message.getContent()).isEqualTo(line);
        assertThat(MimeUtility.unfold(message.getHeader("X-Long", null))).isEqualTo("value ".repeat(40).strip());
    }

    @Test
    void filesAreBase64AttachmentsAfterTheBodyAndArriveByteForByte() throws Exception {
        byte[] textFile = "line one\nline two\r\nno newline at end".getBytes(StandardCharsets.UTF_8);
        byte[] binary = {0, (byte) 0xff, 13, 10, 1, 2, 3};
        ComposedMail composed = compose(Mail.plain().bodies("See attached.", "<p>See attached.</p>").attachments(
            new OutgoingAttachment("notes.txt", "text/plain", textFile),
            new OutgoingAttachment("Résumé 2025.bin", "application/octet-stream", binary)));

        MimeMessage message = parse(composed.delivered());
        assertThat(message.isMimeType("multipart/mixed")).isTrue();
        Multipart mixed = (Multipart) message.getContent();
        assertThat(mixed.getCount()).isEqualTo(3);
        assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
        BodyPart notes = mixed.getBodyPart(1);
        assertThat(notes.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(notes.getFileName()).isEqualTo("notes.txt");
        assertThat(notes.isMimeType("text/plain")).isTrue();
        assertThat(notes.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
        assertThat(read(notes)).isEqualTo(textFile);
        BodyPart resume = mixed.getBodyPart(2);
        assertThat(MimeUtility.decodeText(resume.getFileName())).isEqualTo("Résumé 2025.bin");
        assertThat(read(resume)).isEqualTo(binary);
    }

    @Test
    void anEnclosedOriginalIsAnInlineMessagePart() throws Exception {
        byte[] original = ("From: alice@example.com\r\nTo: agent@agentmail.test\r\nSubject: The original\r\n"
            + "Message-ID: <orig@example.com>\r\n\r\nOriginal words.\r\n").getBytes(StandardCharsets.UTF_8);
        MimeMessage message = parse(compose(Mail.plain().subject("Fwd: The original").bodies(null, null)
            .enclosing(original)).delivered());

        Multipart mixed = (Multipart) message.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        BodyPart enclosed = mixed.getBodyPart(1);
        assertThat(enclosed.isMimeType("message/rfc822")).isTrue();
        assertThat(enclosed.getDisposition()).isEqualTo(Part.INLINE);
        MimeMessage inner = (MimeMessage) enclosed.getContent();
        assertThat(inner.getSubject()).isEqualTo("The original");
        assertThat(inner.getMessageID()).isEqualTo("<orig@example.com>");
        assertThat(inner.getContent().toString()).contains("Original words.");
    }

    @Test
    void threadingHeadersAndExtraHeadersAreSetTheExtraOnesEncoded() throws Exception {
        List<String> ancestors = List.of("<a@example.com>", "<b@example.com>", "<c@example.com>", "<d@example.com>",
            "<e@example.com>", "<f@example.com>");
        MimeMessage message = parse(compose(Mail.plain().threading("<f@example.com>", ancestors)
            .headers(Map.of("X-Campaign", "Été 2025"))).delivered());

        assertThat(message.getHeader("In-Reply-To", null)).isEqualTo("<f@example.com>");
        assertThat(MimeUtility.unfold(message.getHeader("References", null))).isEqualTo(String.join(" ", ancestors));
        assertThat(message.getHeader("X-Campaign", null)).startsWith("=?UTF-8?");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(message.getHeader("X-Campaign", null)))).isEqualTo("Été 2025");
    }

    @Test
    void recipientsGetNoBccWhileTheSentCopyShowsIt() throws Exception {
        ComposedMail composed = compose(Mail.plain().bcc(List.of("Secret <hidden@remote.test>", "other@remote.test")));

        MimeMessage delivered = parse(composed.delivered());
        MimeMessage sentCopy = parse(composed.sentCopy());
        assertThat(delivered.getHeader("Bcc")).isNull();
        assertThat(raw(composed.delivered())).doesNotContainIgnoringCase("hidden@remote.test");
        assertThat(addresses(sentCopy.getRecipients(Message.RecipientType.BCC)))
            .containsExactly("hidden@remote.test", "other@remote.test");
        assertThat(raw(composed.sentCopy())).endsWith(raw(composed.delivered()));
        assertThat(sentCopy.getMessageID()).isEqualTo(delivered.getMessageID());
    }

    @Test
    void withoutBccTheSentCopyIsWhatRecipientsGet() {
        ComposedMail composed = compose(Mail.plain());

        assertThat(composed.sentCopy()).isEqualTo(composed.delivered());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an address", "no-domain", "bob@remote.test, eve@remote.test", "  ",
        "bob@remote.test\r\nBcc: eve@remote.test", "<unterminated@remote.test", "bob@@remote.test"})
    void anInvalidRecipientIsRefusedNamingTheField(String address) {
        InvalidInputException refused = refusal(Mail.plain().to(List.of("ok@remote.test", address)));

        assertThat(refused.field()).contains("to");
        assertThat(refused).hasMessageStartingWith("invalid address in to");
    }

    @Test
    void everyAddressFieldIsCheckedBccToo() {
        assertThat(refusal(Mail.plain().cc(List.of("nope"))).field()).contains("cc");
        assertThat(refusal(Mail.plain().bcc(List.of("nope"))).field()).contains("bcc");
        assertThat(refusal(Mail.plain().replyTo(List.of("nope"))).field()).contains("reply_to");
        assertThat(refusal(Mail.plain().from("nope", null)).field()).contains("from");
        assertThat(refusal(Mail.plain().to(Arrays.asList((String) null))).field()).contains("to");
    }

    @Test
    void addressesWithDisplayNamesAreAccepted() throws Exception {
        MimeMessage message = parse(compose(Mail.plain().to(List.of("\"Bob, the builder\" <bob@remote.test>",
            "Carol <carol@remote.test>"))).delivered());

        Address[] to = message.getRecipients(Message.RecipientType.TO);
        assertThat(addresses(to)).containsExactly("bob@remote.test", "carol@remote.test");
        assertThat(((InternetAddress) to[0]).getPersonal()).isEqualTo("Bob, the builder");
        assertThat(message.getHeader("To", null)).isEqualTo("\"Bob, the builder\" <bob@remote.test>, Carol <carol@remote.test>");
    }

    /** Names in To, Cc, Reply-To and Bcc, such as a reply to "José <jose@...>", go out as encoded words, not raw 8-bit. */
    @Test
    void nonAsciiDisplayNamesAreEncodedWordsInEveryAddressHeader() throws Exception {
        ComposedMail composed = compose(Mail.plain().to(List.of("Zoë <zoe@remote.test>")).cc(List.of("José <jose@remote.test>"))
            .replyTo(List.of("Björn <bjorn@agentmail.test>")).bcc(List.of("Łukasz <lukasz@remote.test>")));

        assertThat(raw(composed.sentCopy())).matches("[\\x00-\\x7F]*");
        MimeMessage message = parse(composed.sentCopy());
        assertThat(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getPersonal()).isEqualTo("Zoë");
        assertThat(((InternetAddress) message.getRecipients(Message.RecipientType.CC)[0]).getPersonal()).isEqualTo("José");
        assertThat(((InternetAddress) message.getReplyTo()[0]).getPersonal()).isEqualTo("Björn");
        assertThat(((InternetAddress) message.getRecipients(Message.RecipientType.BCC)[0]).getPersonal()).isEqualTo("Łukasz");
    }
}
