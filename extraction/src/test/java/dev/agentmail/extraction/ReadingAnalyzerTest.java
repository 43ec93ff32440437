package dev.agentmail.extraction;

import dev.agentmail.domain.model.Analysis;
import dev.agentmail.mime.MessageParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingAnalyzerTest {
    private static Analysis analyze(String raw) {
        return new ReadingAnalyzer().analyze(MessageParser.parse(new ByteArrayInputStream(
            raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aCodeAtTheEndOfASentenceIsFound() {
        Analysis analysis = analyze("From: a@example.com\nSubject: Verify\nContent-Type: text/html\n\n"
            + "<p>Your verification code is <strong>847 293</strong>. It expires in 10 minutes.</p>"
            + "<p>Questions? Call +1 (555) 123-4567.</p>\n");
        assertThat(analysis.code()).contains("847293");
        assertThat(analysis.codeSentence()).hasValueSatisfying(sentence -> assertThat(sentence).contains("847 293"));
    }

    @Test
    void numbersThatAreNotCodesAreLeftAlone() {
        Analysis analysis = analyze("From: shop@example.com\nSubject: Your order #100234567\n\n"
            + "Thank you for your order 100234567 placed on 2025-01-15 at 10:30.\nTotal: $1,299.00\n"
            + "Tracking: 1Z999AA10123456784\nCall us at +1 (555) 123-4567. ZIP code 94105. (c) 2024\n");
        assertThat(analysis.code()).isEmpty();
        assertThat(analysis.link()).isEmpty();
    }

    @Test
    void theConfirmationLinkIsChosenOverTheOthers() {
        Analysis analysis = analyze("From: a@example.com\nSubject: Confirm your email\nContent-Type: text/html\n\n"
            + "<a href=\"https://example.com\"><img src=\"https://example.com/logo.png\"></a>"
            + "<a href=\"https://example.com/confirm?token=abc&amp;u=1\">Confirm email</a>"
            + "<a href=\"https://example.com/unsubscribe\">Unsubscribe</a><a href=\"https://example.com/privacy\">Privacy</a>\n");
        assertThat(analysis.link()).contains("https://example.com/confirm?token=abc&u=1");
    }

    @Test
    void aReplyLosesItsQuotedHistoryAndSignature() {
        Analysis analysis = analyze("From: bob@example.com\nSubject: Re: Plans\nIn-Reply-To: <1@example.com>\n\n"
            + "Tuesday works for me.\n\n-- \nBob\n\nOn Mon, Jan 13, 2025 at 10:30 AM Alice <alice@example.com> wrote:\n"
            + "> Shall we meet?\n");
        assertThat(analysis.extractedText()).contains("Tuesday works for me.");
    }
}
