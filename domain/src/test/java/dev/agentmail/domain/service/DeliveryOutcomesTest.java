package dev.agentmail.domain.service;

import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.model.DkimKey;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.InMemoryDomainRepository;
import dev.agentmail.domain.store.InMemoryInboxRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.agentmail.domain.service.TestMessageIndex.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryOutcomesTest {
    private static final Instant NOW = Instant.parse("2025-01-15T10:30:00.123Z");
    private static final Instant SENT_AT = NOW.minusSeconds(60);
    private static final List<String> BOB = List.of("bob@remote.test");

    private final InMemoryInboxRepository inboxes = new InMemoryInboxRepository();
    private final InMemoryDomainRepository domains = new InMemoryDomainRepository();
    private final TestMessageIndex messages = new TestMessageIndex();
    private final MessageEvents events = new MessageEvents();
    private final List<MessageEvent> told = new ArrayList<>();
    private final DeliveryOutcomes outcomes = new DeliveryOutcomes(inboxes, domains, messages, events,
        Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void setUp() {
        events.subscribe(told::add);
        inboxes.create(inbox("in_platform", "agent", "agentmail.test"));
        inboxes.create(inbox("in_quiet", "agent", "quiet.example"));
        inboxes.create(inbox("in_loud", "agent", "loud.example"));
        domains.create(domain("quiet.example", false));
        domains.create(domain("loud.example", true));
    }

    private static Inbox inbox(String id, String username, String domain) {
        return new Inbox(id, "org_1", username, domain, Optional.empty(), Optional.empty(), SENT_AT, SENT_AT);
    }

    private static Domain domain(String name, boolean feedbackEnabled) {
        return new Domain(name, "org_1", Domain.Status.VERIFIED, feedbackEnabled, List.of(),
            new DkimKey("dkim", "public", "private"), SENT_AT, SENT_AT);
    }

    private boolean report(EventType outcome, String sender, String rfcMessageId) {
        return outcomes.report(outcome, sender, rfcMessageId, BOB);
    }

    private StoredMessage sent(String inboxId, String from, String rfcMessageId) {
        return messages.add(inboxId, "thr_1", Direction.OUTBOUND,
            content(rfcMessageId, null, List.of(), "Hello", from, BOB, List.of()), SENT_AT);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"MESSAGE_DELIVERED", "MESSAGE_BOUNCED", "MESSAGE_REJECTED",
        "MESSAGE_COMPLAINED"})
    void anOutcomeOfMailAnInboxSentIsToldWithItsRecipients(EventType outcome) {
        StoredMessage message = sent("in_platform", "agent@agentmail.test", "<m1@agentmail.test>");

        assertThat(report(outcome, "agent@agentmail.test", "<m1@agentmail.test>")).isTrue();

        assertThat(told).containsExactly(new MessageEvent(outcome, message, BOB, NOW));
    }

    @Test
    void theSenderAddressIsMatchedWithoutCaseOrSurroundingSpaceAndTheMessageIdStripped() {
        StoredMessage message = sent("in_platform", "agent@agentmail.test", "<m1@agentmail.test>");

        assertThat(report(EventType.MESSAGE_DELIVERED, " Agent@AgentMail.TEST ", " <m1@agentmail.test>\r\n")).isTrue();

        assertThat(told).extracting(MessageEvent::message).containsExactly(message);
    }

    @Test
    void mailNoInboxOfOursSentIsIgnored() {
        sent("in_platform", "agent@agentmail.test", "<m1@agentmail.test>");

        assertThat(report(EventType.MESSAGE_BOUNCED, "stranger@agentmail.test", "<m1@agentmail.test>")).isFalse();
        assertThat(report(EventType.MESSAGE_BOUNCED, "agent@elsewhere.test", "<m1@agentmail.test>")).isFalse();
        assertThat(told).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "agent", "@agentmail.test"})
    void aSenderThatIsNoAddressMatchesNoInbox(String sender) {
        sent("in_platform", "agent@agentmail.test", "<m1@agentmail.test>");

        assertThat(report(EventType.MESSAGE_DELIVERED, sender, "<m1@agentmail.test>")).isFalse();
        assertThat(told).isEmpty();
    }

    @Test
    void onlyMessagesTheInboxSentCountNotOnesItReceivedNorOnesOfAnotherInbox() {
        messages.add("in_platform", "thr_1", Direction.INBOUND,
            content("<in@remote.test>", null, List.of(), "Hi", "bob@remote.test", List.of("agent@agentmail.test"),
                List.of()), SENT_AT);
        sent("in_loud", "agent@loud.example", "<other@loud.example>");

        assertThat(report(EventType.MESSAGE_DELIVERED, "agent@agentmail.test", "<in@remote.test>")).isFalse();
        assertThat(report(EventType.MESSAGE_DELIVERED, "agent@agentmail.test", "<other@loud.example>")).isFalse();
        assertThat(report(EventType.MESSAGE_DELIVERED, "agent@agentmail.test", "<unknown@agentmail.test>")).isFalse();
        assertThat(told).isEmpty();
    }

    @Test
    void complaintsAboutMailOfADomainWithFeedbackOffAreIgnoredButItsOtherOutcomesAreTold() {
        sent("in_quiet", "agent@quiet.example", "<q@quiet.example>");

        assertThat(report(EventType.MESSAGE_COMPLAINED, "agent@quiet.example", "<q@quiet.example>")).isFalse();
        assertThat(told).isEmpty();
        assertThat(report(EventType.MESSAGE_BOUNCED, "agent@quiet.example", "<q@quiet.example>")).isTrue();
        assertThat(told).extracting(MessageEvent::type).containsExactly(EventType.MESSAGE_BOUNCED);
    }

    @Test
    void complaintsAreToldForADomainWithFeedbackOnAndForThePlatformDomain() {
        sent("in_loud", "agent@loud.example", "<l@loud.example>");
        sent("in_platform", "agent@agentmail.test", "<p@agentmail.test>");

        assertThat(report(EventType.MESSAGE_COMPLAINED, "agent@loud.example", "<l@loud.example>")).isTrue();
        assertThat(report(EventType.MESSAGE_COMPLAINED, "agent@agentmail.test", "<p@agentmail.test>")).isTrue();
        assertThat(told).extracting(event -> event.message().inboxId()).containsExactly("in_loud", "in_platform");
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"MESSAGE_RECEIVED", "MESSAGE_SENT", "DOMAIN_VERIFIED"})
    void otherEventTypesAreNoDeliveryOutcome(EventType type) {
        sent("in_platform", "agent@agentmail.test", "<m1@agentmail.test>");

        assertThatThrownBy(() -> report(type, "agent@agentmail.test", "<m1@agentmail.test>"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(type.wireName());
        assertThat(told).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotUndoTheReport() {
        events.subscribe(event -> {
            throw new IllegalStateException("listener down");
        });
        sent("in_platform", "agent@agentmail.test", "<m1@agentmail.test>");

        assertThat(report(EventType.MESSAGE_DELIVERED, "agent@agentmail.test", "<m1@agentmail.test>")).isTrue();
        assertThat(told).hasSize(1);
    }
}
