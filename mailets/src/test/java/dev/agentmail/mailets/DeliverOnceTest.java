package dev.agentmail.mailets;

import dev.agentmail.domain.store.DeliveryLedger;
import dev.agentmail.james.MailboxIndexing;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import javax.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The mailbox and the indexing are mocked: this is DeliverOnce's own decision, per recipient, alone. */
class DeliverOnceTest {
    private static final Instant NOW = Instant.parse("2025-01-15T10:30:00Z");
    private static final String DELIVERY = "Mail1700000000000-7";
    private static final Username ONE = Username.of("one@agentmail.test");
    private static final Username TWO = Username.of("two@agentmail.test");

    private final TestLedger ledger = new TestLedger();
    private final MailboxManager mailboxes = mock(MailboxManager.class);
    private final MailboxIndexing indexing = mock(MailboxIndexing.class);
    private final MailboxSession session = mock(MailboxSession.class);
    private final MessageManager inbox = mock(MessageManager.class);
    private final MailboxId inboxId = mock(MailboxId.class);
    private final DeliverOnce mailet = new DeliverOnce(ledger, mailboxes, indexing, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void setUp() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("DeliverOnce").build());
        when(mailboxes.createSystemSession(any())).thenReturn(session);
        when(mailboxes.getMailbox(any(MailboxPath.class), eq(session))).thenReturn(inbox);
        when(inbox.getId()).thenReturn(inboxId);
        when(inbox.search(any(), eq(session))).thenReturn(Flux.empty());
    }

    private static FakeMail mail(String deliveryId) throws Exception {
        String header = deliveryId == null ? "" : DeliveryIds.HEADER + ": " + deliveryId + "\n";
        return FakeMail.builder().name("copy-of-" + deliveryId).state(Mail.DEFAULT).sender("alice@example.com")
            .recipients(ONE.asString(), TWO.asString())
            .mimeMessage(DeliveryReportTest.parse(header + "From: alice@example.com\nSubject: Hi\n\nHello.\n")).build();
    }

    private static List<String> recipients(Mail mail) {
        return mail.getRecipients().stream().map(Object::toString).toList();
    }

    private void storedFor(Username user, MessageUid... uids) throws Exception {
        when(inbox.search(eq(SearchQuery.of(SearchQuery.headerContains(DeliveryIds.HEADER, DELIVERY))), eq(session)))
            .thenReturn(Flux.just(uids));
        when(mailboxes.getMailbox(eq(MailboxPath.inbox(user)), eq(session))).thenReturn(inbox);
    }

    @Test
    void aFirstDeliveryGoesToEveryRecipientAfterOneLedgerEntryEachAndNoMailboxSearch() throws Exception {
        FakeMail mail = mail(DELIVERY);

        mailet.service(mail);

        assertThat(recipients(mail)).containsExactly(ONE.asString(), TWO.asString());
        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(ledger.recorded).containsExactly(DELIVERY + " " + ONE.asString() + " " + NOW,
            DELIVERY + " " + TWO.asString() + " " + NOW);
        verifyNoInteractions(mailboxes, indexing);
    }

    @Test
    void mailWithoutADeliveryIdIsLeftAlone() throws Exception {
        FakeMail mail = mail(null);

        mailet.service(mail);

        assertThat(recipients(mail)).hasSize(2);
        assertThat(ledger.recorded).isEmpty();
        verifyNoInteractions(mailboxes, indexing);
    }

    @Test
    void aRedeliveryDropsTheRecipientsWhoHaveItAndIndexesWhatTheyHave() throws Exception {
        ledger.attempted(DELIVERY, ONE.asString());
        storedFor(ONE, MessageUid.of(12));

        FakeMail mail = mail(DELIVERY);
        mailet.service(mail);

        assertThat(recipients(mail)).containsExactly(TWO.asString());
        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        verify(indexing).indexAppended(MailboxPath.inbox(ONE), inboxId, List.of(MessageUid.of(12)));
        verify(mailboxes).endProcessingRequest(session);
    }

    @Test
    void aRedeliveryThatNeverReachedTheMailboxIsStored() throws Exception {
        ledger.attempted(DELIVERY, ONE.asString());

        FakeMail mail = mail(DELIVERY);
        mailet.service(mail);

        assertThat(recipients(mail)).containsExactly(ONE.asString(), TWO.asString());
        verify(mailboxes).getMailbox(MailboxPath.inbox(ONE), session);
        verify(indexing, never()).indexAppended(any(), any(), anyCollection());
    }

    @Test
    void whenEveryRecipientHasItTheMailGoesNoFurther() throws Exception {
        ledger.attempted(DELIVERY, ONE.asString());
        ledger.attempted(DELIVERY, TWO.asString());
        storedFor(ONE, MessageUid.of(3));
        storedFor(TWO, MessageUid.of(3));

        FakeMail mail = mail(DELIVERY);
        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aMailboxThatCannotBeCheckedFailsTheMailSoTheSpoolRetriesIt() throws Exception {
        ledger.attempted(DELIVERY, ONE.asString());
        when(mailboxes.getMailbox(eq(MailboxPath.inbox(ONE)), eq(session))).thenThrow(new MailboxException("down"));

        assertThatThrownBy(() -> mailet.service(mail(DELIVERY))).isInstanceOf(MessagingException.class)
            .hasMessage("could not check " + ONE.asString() + "'s mailbox for " + DELIVERY);
        verify(mailboxes).endProcessingRequest(session);
    }

    @Test
    void aMessageFoundButNotIndexableFailsTheMailToo() throws Exception {
        ledger.attempted(DELIVERY, ONE.asString());
        storedFor(ONE, MessageUid.of(5));
        doThrow(new IOException("unreadable")).when(indexing).indexAppended(any(), any(), anyCollection());

        assertThatThrownBy(() -> mailet.service(mail(DELIVERY))).isInstanceOf(MessagingException.class)
            .hasMessage("could not index " + DELIVERY + " in " + ONE.asString() + "'s mailbox");
        verify(mailboxes).endProcessingRequest(session);
    }

    /** A DeliveryLedger that also records what it was asked, as DeliveryLedgerContract says it answers. */
    private static final class TestLedger implements DeliveryLedger {
        private final Set<String> attempts = new HashSet<>();
        final List<String> recorded = new ArrayList<>();

        void attempted(String deliveryId, String recipient) {
            attempts.add(deliveryId + " " + recipient);
        }

        @Override
        public boolean recordAttempt(String deliveryId, String recipient, Instant at) {
            recorded.add(deliveryId + " " + recipient + " " + at);
            return attempts.add(deliveryId + " " + recipient);
        }

        @Override
        public int forgetBefore(Instant cutoff) {
            throw new UnsupportedOperationException();
        }
    }
}
