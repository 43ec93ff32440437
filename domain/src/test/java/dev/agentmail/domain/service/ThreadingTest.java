package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.Ids;
import dev.agentmail.domain.model.MessageContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.agentmail.domain.service.TestMessageIndex.content;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadingTest {
    private static final Instant NOW = Instant.parse("2025-01-15T10:30:00Z");
    private static final String ALICE = "Alice <alice@example.com>";
    private static final String AGENT = "agent@agentmail.test";

    private final TestMessageIndex index = new TestMessageIndex();
    private final Threading threading = new Threading(index);

    private static MessageContent received(String rfcId, String inReplyTo, List<String> references, String subject) {
        return content(rfcId, inReplyTo, references, subject, ALICE, List.of(AGENT), List.of());
    }

    private static MessageContent fromTo(String subject, String from, String to) {
        return content(null, null, List.of(), subject, from, List.of(to), List.of());
    }

    private String inbound(MessageContent content) {
        return threadFor("in_1", Direction.INBOUND, content, NOW);
    }

    /** The thread joined, or a new one's id. */
    private String threadFor(String inboxId, Direction direction, MessageContent content, Instant at) {
        return threading.threadJoined(inboxId, direction, content, at).orElseGet(Ids::thread);
    }

    @Test
    void aReplyJoinsTheThreadOfTheMessageItAnswers() {
        index.add("in_1", "thr_root", Direction.OUTBOUND,
            content("<root@agentmail.test>", null, List.of(), "Plans", AGENT, List.of(ALICE), List.of()), NOW);

        assertThat(inbound(received("<r1@example.com>", "<root@agentmail.test>", List.of(), "Re: Plans")))
            .isEqualTo("thr_root");
    }

    @Test
    void anyOfTheReferencesIsEnoughEvenWithoutInReplyTo() {
        index.add("in_1", "thr_root", Direction.INBOUND, received("<root@example.com>", null, List.of(), "Plans"),
            NOW.minusSeconds(60));

        assertThat(inbound(received("<r2@example.com>", null,
            List.of("<unknown@elsewhere.test>", "<root@example.com>"), "Something else entirely")))
            .isEqualTo("thr_root");
    }

    @Test
    void sentMailJoinsAThreadThroughItsThreadingHeadersToo() {
        index.add("in_1", "thr_root", Direction.INBOUND, received("<root@example.com>", null, List.of(), "Plans"),
            NOW.minusSeconds(60));

        MessageContent reply = content("<reply@agentmail.test>", "<root@example.com>", List.of("<root@example.com>"),
            "Re: Plans", AGENT, List.of(ALICE), List.of());
        assertThat(threadFor("in_1", Direction.OUTBOUND, reply, NOW)).isEqualTo("thr_root");
    }

    @Test
    void aReplyIndexedBeforeTheMessageItAnswersPullsThatMessageIntoItsThread() {
        index.add("in_1", "thr_reply", Direction.INBOUND,
            received("<reply@example.com>", "<late@example.com>", List.of("<late@example.com>"), "Re: Late"), NOW);

        assertThat(inbound(received("<late@example.com>", null, List.of(), "Late"))).isEqualTo("thr_reply");
    }

    @Test
    void messagesOfAnotherInboxAreNeverAncestors() {
        index.add("in_2", "thr_other", Direction.INBOUND, received("<root@example.com>", null, List.of(), "Plans"),
            NOW.minusSeconds(60));
        index.add("in_2", "thr_other_reply", Direction.INBOUND,
            received("<child@example.com>", "<mine@example.com>", List.of(), "Re: Mine"), NOW.minusSeconds(60));

        assertThat(inbound(received("<r@example.com>", "<root@example.com>", List.of(), "Re: Plans")))
            .isNotIn("thr_other", "thr_other_reply").startsWith("thr_");
        assertThat(inbound(received("<mine@example.com>", null, List.of(), "Mine"))).isNotEqualTo("thr_other_reply");
    }

    @Test
    void aMarkedReplyWithoutHeadersJoinsARecentThreadOfTheSameSubjectThatSharesAParticipant() {
        index.add("in_1", "thr_plans", Direction.OUTBOUND, fromTo("Plans for Q3", AGENT, "Alice <ALICE@Example.com>"),
            NOW.minus(Duration.ofDays(29)));

        assertThat(inbound(fromTo("RE:  plans for   Q3", "alice@example.com", AGENT))).isEqualTo("thr_plans");
        assertThat(inbound(fromTo("[team] AW: Plans for Q3", ALICE, AGENT))).isEqualTo("thr_plans");
        assertThat(inbound(fromTo("Fwd[2]: Plans for Q3", "bob@example.com", "Alice <alice@example.com>")))
            .as("a participant in To counts as much as the sender").isEqualTo("thr_plans");
    }

    @Test
    void theSubjectRuleTakesTheNewestMatchingThreadThatSharesAParticipant() {
        index.add("in_1", "thr_alice", Direction.INBOUND, fromTo("Report", ALICE, AGENT), NOW.minus(Duration.ofDays(3)));
        index.add("in_1", "thr_bob_old", Direction.INBOUND, fromTo("Report", "bob@example.com", AGENT),
            NOW.minus(Duration.ofDays(2)));
        index.add("in_1", "thr_bob_new", Direction.INBOUND, fromTo("Re: Report", "bob@example.com", AGENT),
            NOW.minus(Duration.ofDays(1)));

        assertThat(threadFor("in_1", Direction.INBOUND, content(null, null, List.of(), "Re: Report",
            "bob@example.com", List.of("someone@else.test"), List.of()), NOW)).isEqualTo("thr_bob_new");
        assertThat(threadFor("in_1", Direction.INBOUND, content(null, null, List.of(), "Re: Report",
            "carol@example.com", List.of("x@y.test"), List.of("alice@example.com")), NOW))
            .as("a participant in Cc counts").isEqualTo("thr_alice");
    }

    @Test
    void sameSubjectWithoutAReplyMarkerStartsAThread() {
        index.add("in_1", "thr_code", Direction.INBOUND, fromTo("Your verification code", "noreply@bank.test", AGENT),
            NOW.minus(Duration.ofHours(1)));

        assertThat(inbound(fromTo("Your verification code", "noreply@bank.test", AGENT))).isNotEqualTo("thr_code");
    }

    @Test
    void theSubjectRuleNeedsASharedParticipantAndTheLastThirtyDays() {
        index.add("in_1", "thr_stranger", Direction.INBOUND, fromTo("Invoice", "billing@vendor.test", "other@agentmail.test"),
            NOW.minus(Duration.ofDays(1)));
        index.add("in_1", "thr_old", Direction.INBOUND, fromTo("Minutes", ALICE, AGENT),
            NOW.minus(Threading.SUBJECT_WINDOW).minusSeconds(1));
        index.add("in_1", "thr_edge", Direction.INBOUND, fromTo("Agenda", ALICE, AGENT), NOW.minus(Threading.SUBJECT_WINDOW));

        assertThat(inbound(fromTo("Re: Invoice", "mallory@evil.test", "someone@agentmail.test"))).isNotEqualTo("thr_stranger");
        assertThat(inbound(fromTo("Re: Minutes", ALICE, AGENT))).isNotEqualTo("thr_old");
        assertThat(inbound(fromTo("Re: Agenda", ALICE, AGENT))).isEqualTo("thr_edge");
    }

    @Test
    void mailTheInboxSendsStartsAThreadWhateverItsSubject() {
        index.add("in_1", "thr_plans", Direction.INBOUND, fromTo("Plans", ALICE, AGENT), NOW.minus(Duration.ofDays(1)));

        assertThat(threadFor("in_1", Direction.OUTBOUND, fromTo("Re: Plans", AGENT, ALICE), NOW))
            .isNotEqualTo("thr_plans");
        assertThat(threadFor("in_1", Direction.OUTBOUND, fromTo("Fwd: Plans", AGENT, ALICE), NOW))
            .isNotEqualTo("thr_plans");
    }

    @Test
    void headersThatNameNoIndexedMessageFallBackToTheSubjectRule() {
        index.add("in_1", "thr_plans", Direction.INBOUND, fromTo("Plans", ALICE, AGENT), NOW.minus(Duration.ofDays(1)));

        assertThat(inbound(received("<new@example.com>", "<unknown@example.com>", List.of("<unknown@example.com>"),
            "Re: Plans"))).isEqualTo("thr_plans");
    }

    @Test
    void aNewThreadHasAFreshPrefixedId() {
        String first = inbound(fromTo("Hello", ALICE, AGENT));
        String second = inbound(fromTo("Hello", ALICE, AGENT));

        assertThat(first).matches("thr_[0-9A-Za-z]{22}");
        assertThat(second).matches("thr_[0-9A-Za-z]{22}").isNotEqualTo(first);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Re: Hello   World|hello world",
        "RE: Fwd: re: Hello|hello",
        "[list] Re: [list] AW: Hello|hello",
        "  Re[3]:  Hello |hello",
        "SV: VS: WG: TR: ANTW: RIF: R: ENC: ODP: RES: Fw: Hello|hello",
        "Re : Hello|hello",
        "Review: the plan|review: the plan",
        "Resume|resume",
        "[ticket 42] Help|help",
        "Re:|''",
    })
    void normalizedSubjectsLoseMarkersTagsCaseAndExtraSpace(String subject, String normalized) {
        assertThat(Threading.normalizeSubject(subject)).isEqualTo(normalized);
    }

    @Test
    void aMissingSubjectNormalizesToNothing() {
        assertThat(Threading.normalizeSubject(null)).isEmpty();
        assertThat(Threading.isReplyOrForward(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Re: x", "fwd: x", "[list] Re: x", "AW:x", "Re[2]: x", "Fw : x"})
    void repliesAndForwardsAreRecognized(String subject) {
        assertThat(Threading.isReplyOrForward(subject)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello", "Review: x", "[list] Hello", "Re x", "Your code: 1234", ""})
    void otherSubjectsAreNotRepliesOrForwards(String subject) {
        assertThat(Threading.isReplyOrForward(subject)).isFalse();
    }
}
