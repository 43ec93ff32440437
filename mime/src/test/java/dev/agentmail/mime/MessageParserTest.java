package dev.agentmail.mime;

import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.MessageContent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MessageParserTest {
    private static MessageContent parse(String raw) {
        return MessageParser.parse(new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsHeadersAddressesAndBothBodiesOfAnAlternative() {
        MessageContent content = parse("""
            From: Alice Example <alice@example.com>
            To: agent@agentmail.test, "Bob" <bob@example.com>
            Cc: carol@example.com
            Reply-To: replies@example.com
            Subject: =?UTF-8?B?SMOpbGxv?= world
            Message-ID: <m2@example.com>
            In-Reply-To: <m1@example.com>
            References: <m0@example.com> <m1@example.com>
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/plain; charset=utf-8

            Hi   there,
            your code is 123456.
            --b
            Content-Type: text/html; charset=utf-8

            <p>Hi there</p>
            --b--
            """);

        assertThat(content.subject()).isEqualTo("Héllo world");
        assertThat(content.from()).isEqualTo("Alice Example <alice@example.com>");
        assertThat(content.to()).containsExactly("agent@agentmail.test", "Bob <bob@example.com>");
        assertThat(content.cc()).containsExactly("carol@example.com");
        assertThat(content.replyTo()).containsExactly("replies@example.com");
        assertThat(content.rfcMessageId()).contains("<m2@example.com>");
        assertThat(content.inReplyTo()).contains("<m1@example.com>");
        assertThat(content.references()).containsExactly("<m0@example.com>", "<m1@example.com>");
        assertThat(content.text()).hasValueSatisfying(text -> assertThat(text).contains("your code is 123456."));
        assertThat(content.html()).hasValueSatisfying(html -> assertThat(html).contains("<p>Hi there</p>"));
        assertThat(content.preview()).isEqualTo("Hi there, your code is 123456.");
        assertThat(content.headers()).containsEntry("Cc", "carol@example.com");
        assertThat(content.attachments()).isEmpty();
    }

    @Test
    void rendersHtmlOnlyMailAsTextWithItsLines() {
        MessageContent content = parse("""
            From: news@example.com
            Subject: HTML only
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            <html><head><style>p{}</style></head><body><p>First =3D line</p><div>Second<br>Third</div></body></html>
            """);

        assertThat(content.text()).contains("First = line\nSecond\nThird");
        assertThat(content.preview()).isEqualTo("First = line Second Third");
    }

    @Test
    void listsAttachmentsWithTheirDecodedSize() {
        MessageContent content = parse("""
            From: alice@example.com
            Subject: Files
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain

            See attached.
            --m
            Content-Type: application/pdf; name=doc.pdf
            Content-Disposition: attachment; filename=doc.pdf
            Content-Transfer-Encoding: base64

            AAECAwQFBgcICQ==
            --m
            Content-Type: image/png
            Content-Disposition: inline
            Content-ID: <logo@x>
            Content-Transfer-Encoding: base64

            iVBORw0K
            --m--
            """);

        assertThat(content.text()).contains("See attached.");
        assertThat(content.attachments()).hasSize(2);
        AttachmentInfo pdf = content.attachments().get(0);
        assertThat(pdf.id()).startsWith("att_");
        assertThat(pdf.filename()).contains("doc.pdf");
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.size()).isEqualTo(10);
        assertThat(pdf.disposition()).isEqualTo("attachment");
        assertThat(content.attachments().get(1).contentId()).contains("<logo@x>");
        assertThat(content.attachments().get(1).disposition()).isEqualTo("inline");
    }

    @Test
    void malformedMailStillYieldsWhatCanBeRead() {
        MessageContent content = parse("""
            From: <<<not an address
            Subject: Broken
            Content-Type: multipart/mixed; boundary=never-closed

            --never-closed
            Content-Type: text/plain

            Still readable
            """);

        assertThat(content.subject()).isEqualTo("Broken");
        assertThat(content.text()).hasValueSatisfying(text -> assertThat(text).contains("Still readable"));
    }

    @Test
    void theLongPreviewIsCut() {
        assertThat(MessageParser.preview("word ".repeat(100))).hasSize(MessageParser.PREVIEW_LENGTH);
    }

    @Test
    void thePreviewOfALongBodyIsThatOfTheWholeTextFolded() {
        // White space that runs across the prefix the preview folds first, and leading white space longer than it.
        for (String text : new String[] {" \n".repeat(900) + "start " + "x".repeat(300),
            "a".repeat(799) + "    \n\n   " + "b ".repeat(300), "\t word\r\n".repeat(2000)}) {
            String folded = text.replaceAll("\\s+", " ").strip();
            assertThat(MessageParser.preview(text)).isEqualTo(folded.substring(0, MessageParser.PREVIEW_LENGTH));
        }
    }
}
