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

    private static Analysis html(String subject, String body) {
        return analyze("From: a@example.com\nSubject: " + subject + "\nContent-Type: text/html; charset=utf-8\n\n" + body + "\n");
    }

    @Test
    void digitsInBoxesOfTheirOwnReadAsOneCode() {
        Analysis analysis = html("Sign in", "<p>Enter this code to sign in:</p><div style=\"font-size:0\">"
            + "<span style=\"font-size:28px\">4</span><span style=\"font-size:28px\">8</span>"
            + "<span style=\"font-size:28px\">2</span><span style=\"font-size:28px\">9</span>"
            + "<span style=\"font-size:28px\">1</span><span style=\"font-size:28px\">3</span></div>");
        assertThat(analysis.code()).contains("482913");
    }

    @Test
    void hiddenTextIsNotRead() {
        Analysis analysis = html("Verify", "<div style=\"display:none;max-height:0;overflow:hidden\">Your code is 111111</div>"
            + "<span class=\"preheader\">Your code is 333333</span><p style=\"font-size:0px\">Your code is 444444</p>"
            + "<p>Your code is 222222.</p>");
        assertThat(analysis.code()).contains("222222");
    }

    @Test
    void smallGroupsAndLetterSpacingAreOneCodeWhereTheLayoutSaysSo() {
        assertThat(html("Withdrawal", "<p>Withdrawal verification code: 48 29 13</p>").code()).contains("482913");
        assertThat(html("Verify", "<p>Your code:</p><p style=\"letter-spacing:8px\">4 8 2 9 1 3</p>").code()).contains("482913");
        assertThat(html("Call us", "<p>Your code is below.</p><p>Call 0800 123 4567</p>").code()).isEmpty();
    }

    @Test
    void hyphenatedLetterCodesAreFound() {
        assertThat(html("Activate", "<p>Your activation code is K7Q-9XZ.</p>").code()).contains("K7Q9XZ");
        assertThat(html("Pair your TV", "<p>Enter this code on your TV:</p><h1>WDJB-MJHT</h1>").code()).contains("WDJBMJHT");
    }

    @Test
    void aCodeBesidePricesAndOrderNumbersIsTheCode() {
        Analysis analysis = html("Delivery", "<p>Your verification code for order #100234567 (total $1,250.00) is 318264.</p>"
            + "<p>Order number: 55501234 &middot; Customer ID 7781234 &middot; Tel. +49 30 1234567</p>");
        assertThat(analysis.code()).contains("318264");
    }

    @Test
    void promotionAndMeetingCodesAreNotVerificationCodes() {
        assertThat(html("Sale", "<p>Use code SAVE20 at checkout for 20% off.</p>").code()).isEmpty();
        assertThat(analyze("From: a@example.com\nSubject: Invitation\n\nJoin Zoom Meeting\nMeeting ID: 845 2231 9987\n"
            + "Passcode: 482913\n").code()).isEmpty();
    }

    @Test
    void twoDifferentCodesNamedAlikeLeaveTheAnswerOpen() {
        assertThat(html("Codes", "<p>Your code is 111111.</p><p>Your code is 222222.</p>").code()).isEmpty();
    }

    @Test
    void wordsWithPrefixesNameCodesInArabicAndHebrew() {
        assertThat(html("رمز", "<p>استخدم الرمز أدناه لتسجيل الدخول.</p><p>582017</p>").code()).contains("582017");
        assertThat(html("קוד", "<p>השתמש בקוד שלמטה כדי להתחבר.</p><p>582017</p>").code()).contains("582017");
    }
}
