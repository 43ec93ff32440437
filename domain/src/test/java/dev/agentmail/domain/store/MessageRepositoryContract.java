package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What every MessageRepository backend must do; each backend's test implements the factory method. */
public interface MessageRepositoryContract {
    MessageRepository messageRepository();

    static StoredMessage message(String id, String inboxId, String threadId, long uid, long ts, String rfcId, String subject) {
        MessageContent content = new MessageContent(Optional.ofNullable(rfcId), Optional.empty(), List.of(), subject,
            "Alice <alice@example.com>", List.of(), List.of("agent@agentmail.test"), List.of("cc@example.com"), List.of(),
            Optional.of("Hello there"), Optional.of("<p>Hello there</p>"), "Hello there", Map.of("X-Test", "1"),
            List.of(new AttachmentInfo("att_1", Optional.of("a.pdf"), "application/pdf", 12, "attachment", Optional.empty())));
        Instant at = Instant.ofEpochMilli(ts);
        return new StoredMessage(id, "org_1", inboxId, threadId, Direction.INBOUND, new MailboxLocation("mbx-" + inboxId, uid),
            content, new Analysis(Optional.of("123456"), Optional.of("Your code is 123456"), Optional.of("https://example.com/verify?t=1"),
                Optional.empty(), Optional.empty()), Set.of("b", "a"), 100 + uid, at, at, at);
    }

    /** A message whose searched fields are given; bcc and html hold words a search must not find. */
    static StoredMessage searchable(String id, String inboxId, long uid, long ts, String subject, String from, List<String> to,
                                    List<String> cc, String text) {
        StoredMessage base = message(id, inboxId, "thr_" + id, uid, ts, null, subject);
        MessageContent content = new MessageContent(Optional.empty(), Optional.empty(), List.of(), subject, from, List.of(),
            to, cc, List.of("hidden@bcc.example"), Optional.ofNullable(text), Optional.of("<p>htmlonly</p>"), "", Map.of(),
            List.of());
        return new StoredMessage(base.id(), base.organizationId(), base.inboxId(), base.threadId(), base.direction(),
            base.location(), content, Analysis.NONE, Set.of(), base.size(), base.timestamp(), base.createdAt(),
            base.updatedAt());
    }

    private List<String> search(String inboxId, String q) {
        Page<StoredMessage> page = messageRepository().list("org_1", inboxId, MessageSearch.parse(q), PageRequest.first());
        assertThat(page.total()).as("total of " + q).isEqualTo(page.data().size());
        return page.data().stream().map(StoredMessage::id).toList();
    }

    @Test
    default void ensuringAListedMessageIsListedKeepsItListedOnce() {
        StoredMessage message = message("msg_1", "in_1", "thr_1", 1, 1_000, null, "Hello");
        messageRepository().create(message);

        messageRepository().ensureListed(message);

        Page<StoredMessage> page = messageRepository().list("org_1", "in_1", PageRequest.first());
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.data()).extracting(StoredMessage::id).containsExactly("msg_1");
    }

    @Test
    default void searchFindsEveryWordInSubjectTextSenderAndRecipientsIgnoringCase() {
        messageRepository().create(searchable("msg_1", "in_1", 1, 1_000, "Quarterly Invoice",
            "Billing <billing@vendor.example>", List.of("agent@agentmail.test"), List.of(), "Please pay by Friday."));
        messageRepository().create(searchable("msg_2", "in_1", 2, 2_000, "Lunch", "Bob <bob@example.com>",
            List.of("agent@agentmail.test"), List.of("carol@partner.example"), "Shall we meet on friday?"));
        messageRepository().create(searchable("msg_3", "in_1", 3, 3_000, "Status", "dave@example.com",
            List.of("erin@team.example"), List.of(), null));

        assertThat(search("in_1", "invoice")).containsExactly("msg_1");
        assertThat(search("in_1", "FRIDAY")).containsExactly("msg_2", "msg_1");
        assertThat(search("in_1", "billing")).containsExactly("msg_1");
        assertThat(search("in_1", "carol@partner.example")).containsExactly("msg_2");
        assertThat(search("in_1", "erin@team.example")).containsExactly("msg_3");
        assertThat(search("in_1", "bob friday")).containsExactly("msg_2");
        assertThat(search("in_1", "  Quarterly   friday ")).containsExactly("msg_1");
        assertThat(search("in_1", "bob invoice")).isEmpty();
    }

    @Test
    default void aDirectionNarrowsTheListAndTheSearch() {
        messageRepository().create(searchable("msg_1", "in_1", 1, 1_000, "Report", "alice@example.com",
            List.of("agent@agentmail.test"), List.of(), "Received report."));
        StoredMessage sent = searchable("msg_2", "in_1", 2, 2_000, "Report", "agent@agentmail.test",
            List.of("alice@example.com"), List.of(), "Sent report.");
        messageRepository().create(new StoredMessage(sent.id(), sent.organizationId(), sent.inboxId(), sent.threadId(),
            Direction.OUTBOUND, sent.location(), sent.content(), sent.analysis(), sent.labels(), sent.size(),
            sent.timestamp(), sent.createdAt(), sent.updatedAt()));

        assertThat(listed(MessageSearch.ALL.only(Direction.OUTBOUND))).containsExactly("msg_2");
        assertThat(listed(MessageSearch.ALL.only(Direction.INBOUND))).containsExactly("msg_1");
        assertThat(listed(MessageSearch.parse("report").only(Direction.INBOUND))).containsExactly("msg_1");
        assertThat(listed(MessageSearch.parse("received").only(Direction.OUTBOUND))).isEmpty();
        assertThat(listed(MessageSearch.parse("report"))).containsExactly("msg_2", "msg_1");
    }

    private List<String> listed(MessageSearch search) {
        Page<StoredMessage> page = messageRepository().list("org_1", "in_1", search, PageRequest.first());
        assertThat(page.total()).isEqualTo(page.data().size());
        return page.data().stream().map(StoredMessage::id).toList();
    }

    @Test
    default void searchMatchesTheBeginningOfAWord() {
        messageRepository().create(searchable("msg_1", "in_1", 1, 1_000, "Quarterly numbers", "alice@example.com",
            List.of("agent@agentmail.test"), List.of(), "Attached."));

        assertThat(search("in_1", "quart")).containsExactly("msg_1");
        assertThat(search("in_1", "attach")).containsExactly("msg_1");
    }

    @Test
    default void searchLeavesOutBccHtmlAndTheOtherInboxesAndOrganizations() {
        messageRepository().create(searchable("msg_1", "in_1", 1, 1_000, "Report", "alice@example.com",
            List.of("agent@agentmail.test"), List.of(), "Here it is."));
        messageRepository().create(searchable("msg_2", "in_2", 1, 2_000, "Report", "alice@example.com",
            List.of("agent@agentmail.test"), List.of(), "Here it is."));

        assertThat(search("in_1", "report")).containsExactly("msg_1");
        assertThat(search("in_1", "hidden")).isEmpty();
        assertThat(search("in_1", "htmlonly")).isEmpty();
        assertThat(messageRepository().list("org_2", "in_1", MessageSearch.parse("report"), PageRequest.first()).total())
            .isZero();
    }

    @Test
    default void searchWordsAreTakenLiterally() {
        messageRepository().create(searchable("msg_1", "in_1", 1, 1_000, "file a_b.txt", "alice@example.com",
            List.of("agent@agentmail.test"), List.of(), "See the file."));
        messageRepository().create(searchable("msg_2", "in_1", 2, 2_000, "file axb.txt", "alice@example.com",
            List.of("agent@agentmail.test"), List.of(), "See the file."));

        assertThat(search("in_1", "a_b")).containsExactly("msg_1");
    }

    @Test
    default void searchResultsArePagedAndCountedLikeTheList() {
        for (int i = 1; i <= 5; i++) {
            messageRepository().create(searchable("msg_" + i, "in_1", i, i * 1_000L, i % 2 == 1 ? "Weekly report " + i : "Other",
                "alice@example.com", List.of("agent@agentmail.test"), List.of(), "Body."));
        }

        Page<StoredMessage> first = messageRepository().list("org_1", "in_1", MessageSearch.parse("report"), new PageRequest(1, 2));
        Page<StoredMessage> second = messageRepository().list("org_1", "in_1", MessageSearch.parse("report"), new PageRequest(2, 2));
        assertThat(first.data()).extracting(StoredMessage::id).containsExactly("msg_5", "msg_3");
        assertThat(second.data()).extracting(StoredMessage::id).containsExactly("msg_1");
        assertThat(first.total()).isEqualTo(3);
        assertThat(second.total()).isEqualTo(3);
        assertThat(messageRepository().list("org_1", "in_1", MessageSearch.parse(" "), PageRequest.first()).total()).isEqualTo(5);
    }

    @Test
    default void searchSeesLabelsChangedAndMessagesDeleted() {
        messageRepository().create(searchable("msg_1", "in_1", 1, 1_000, "Report", "alice@example.com",
            List.of("agent@agentmail.test"), List.of(), "Here it is."));
        messageRepository().create(searchable("msg_2", "in_1", 2, 2_000, "Report", "alice@example.com",
            List.of("agent@agentmail.test"), List.of(), "Here it is."));

        messageRepository().updateLabels("msg_1", Set.of("done"), Instant.ofEpochMilli(5_000));
        messageRepository().delete(new MailboxLocation("mbx-in_1", 2));

        Page<StoredMessage> found = messageRepository().list("org_1", "in_1", MessageSearch.parse("report"), PageRequest.first());
        assertThat(found.data()).extracting(StoredMessage::id).containsExactly("msg_1");
        assertThat(found.data().get(0).labels()).containsExactly("done");
        assertThat(found.total()).isEqualTo(1);
    }

    @Test
    default void createdMessagesAreFoundWithEveryField() {
        StoredMessage message = message("msg_1", "in_1", "thr_1", 1, 1_700_000_000_123L, "<one@example.com>", "Hello");
        messageRepository().create(message);

        assertThat(messageRepository().find("org_1", "in_1", "msg_1")).contains(message);
        assertThat(messageRepository().findByLocation(new MailboxLocation("mbx-in_1", 1))).contains(message);
    }

    @Test
    default void findsAMessageByItsMessageIdInOneInboxAndDirection() {
        StoredMessage received = message("msg_1", "in_1", "thr_1", 1, 1_000, "<one@example.com>", "Hello");
        messageRepository().create(received);

        assertThat(messageRepository().findByRfcMessageId("in_1", Direction.INBOUND, "<one@example.com>")).contains(received);
        assertThat(messageRepository().findByRfcMessageId("in_1", Direction.OUTBOUND, "<one@example.com>")).isEmpty();
        assertThat(messageRepository().findByRfcMessageId("in_2", Direction.INBOUND, "<one@example.com>")).isEmpty();
        assertThat(messageRepository().findByRfcMessageId("in_1", Direction.INBOUND, "<other@example.com>")).isEmpty();
    }

    @Test
    default void indexingTheSameMailboxMessageTwiceKeepsTheFirst() {
        assertThat(messageRepository().create(message("msg_1", "in_1", "thr_1", 1, 1_000, null, "Hello"))).isTrue();
        assertThat(messageRepository().create(message("msg_2", "in_1", "thr_2", 1, 2_000, null, "Hello"))).isFalse();

        assertThat(messageRepository().findByLocation(new MailboxLocation("mbx-in_1", 1)).map(StoredMessage::id)).contains("msg_1");
        assertThat(messageRepository().list("org_1", "in_1", PageRequest.first()).total()).isEqualTo(1);
    }

    @Test
    default void anotherOrganizationOrInboxDoesNotSeeTheMessage() {
        messageRepository().create(message("msg_1", "in_1", "thr_1", 1, 1_000, null, "Hello"));

        assertThat(messageRepository().find("org_2", "in_1", "msg_1")).isEmpty();
        assertThat(messageRepository().find("org_1", "in_2", "msg_1")).isEmpty();
        assertThat(messageRepository().list("org_2", "in_1", PageRequest.first()).total()).isZero();
    }

    @Test
    default void listsNewestFirstAndThreadsOldestFirst() {
        messageRepository().create(message("msg_1", "in_1", "thr_a", 1, 1_000, null, "One"));
        messageRepository().create(message("msg_2", "in_1", "thr_b", 2, 2_000, null, "Two"));
        messageRepository().create(message("msg_3", "in_1", "thr_a", 3, 3_000, null, "Re: One"));

        Page<StoredMessage> page = messageRepository().list("org_1", "in_1", new PageRequest(1, 2));
        assertThat(page.data()).extracting(StoredMessage::id).containsExactly("msg_3", "msg_2");
        assertThat(page.total()).isEqualTo(3);
        assertThat(messageRepository().listThread("org_1", "in_1", "thr_a")).extracting(StoredMessage::id)
            .containsExactly("msg_1", "msg_3");
        Page<String> threads = messageRepository().listThreadIds("org_1", "in_1", PageRequest.first());
        assertThat(threads.data()).containsExactly("thr_a", "thr_b");
        assertThat(threads.total()).isEqualTo(2);
    }

    @Test
    default void aMessageStartingAThreadIsThreadedAndCountedAsOneCreated() {
        assertThat(messageRepository().createStartingThread(message("msg_1", "in_1", "thr_a", 1, 1_000, null, "One")))
            .isTrue();
        messageRepository().create(message("msg_2", "in_1", "thr_a", 2, 3_000, null, "Re: One"));
        messageRepository().createStartingThread(message("msg_3", "in_1", "thr_b", 3, 2_000, null, "Two"));
        // Told wrongly that it starts one, a message still joins the thread that is there.
        assertThat(messageRepository().createStartingThread(message("msg_4", "in_1", "thr_b", 4, 4_000, null, "Re: Two")))
            .isTrue();
        assertThat(messageRepository().createStartingThread(message("msg_5", "in_1", "thr_c", 4, 5_000, null, "Again")))
            .as("the same mailbox location").isFalse();

        Page<String> threads = messageRepository().listThreadIds("org_1", "in_1", PageRequest.first());
        assertThat(threads.data()).containsExactly("thr_b", "thr_a");
        assertThat(threads.total()).isEqualTo(2);
        assertThat(messageRepository().listThread("org_1", "in_1", "thr_b")).extracting(StoredMessage::id)
            .containsExactly("msg_3", "msg_4");
        assertThat(messageRepository().list("org_1", "in_1", PageRequest.first()).total()).isEqualTo(4);
    }

    @Test
    default void findsTheThreadOfAReferencedMessageInTheSameInboxOnly() {
        messageRepository().create(message("msg_1", "in_1", "thr_a", 1, 1_000, "<root@example.com>", "Hello"));

        assertThat(messageRepository().threadOfRfcMessageIds("in_1", List.of("<other@x>", "<root@example.com>"))).contains("thr_a");
        assertThat(messageRepository().threadOfRfcMessageIds("in_2", List.of("<root@example.com>"))).isEmpty();
        assertThat(messageRepository().threadOfRfcMessageIds("in_1", List.of())).isEmpty();
    }

    @Test
    default void findsRecentMessagesByNormalizedSubject() {
        messageRepository().create(message("msg_1", "in_1", "thr_a", 1, 1_000, null, "Re: [list] Plans"));
        messageRepository().create(message("msg_2", "in_1", "thr_b", 2, 9_000, null, "plans"));

        assertThat(messageRepository().recentWithSubject("in_1", "plans", Instant.ofEpochMilli(500), 10))
            .extracting(StoredMessage::id).containsExactly("msg_2", "msg_1");
        assertThat(messageRepository().recentWithSubject("in_1", "plans", Instant.ofEpochMilli(5_000), 10))
            .extracting(StoredMessage::id).containsExactly("msg_2");
    }

    @Test
    default void labelsCanBeReplaced() {
        messageRepository().create(message("msg_1", "in_1", "thr_a", 1, 1_000, null, "Hello"));

        messageRepository().updateLabels("msg_1", Set.of("important", "à faire"), Instant.ofEpochMilli(5_000));

        StoredMessage updated = messageRepository().find("org_1", "in_1", "msg_1").orElseThrow();
        assertThat(updated.labels()).containsExactlyInAnyOrder("important", "à faire");
        assertThat(updated.updatedAt()).isEqualTo(Instant.ofEpochMilli(5_000));
    }

    @Test
    default void deleteRemovesByLocationOnce() {
        messageRepository().create(message("msg_1", "in_1", "thr_a", 1, 1_000, null, "Hello"));

        assertThat(messageRepository().delete(new MailboxLocation("mbx-in_1", 1))).isTrue();
        assertThat(messageRepository().delete(new MailboxLocation("mbx-in_1", 1))).isFalse();
        assertThat(messageRepository().find("org_1", "in_1", "msg_1")).isEmpty();
    }

    @Test
    default void deletingAMailboxForgetsItsMessagesOnly() {
        messageRepository().create(message("msg_1", "in_1", "thr_a", 1, 1_000, null, "Hello"));
        messageRepository().create(message("msg_2", "in_1", "thr_a", 2, 2_000, null, "Hello"));
        messageRepository().create(message("msg_3", "in_2", "thr_b", 1, 3_000, null, "Hello"));

        assertThat(messageRepository().deleteMailbox("mbx-in_1")).isEqualTo(2);

        assertThat(messageRepository().list("org_1", "in_1", PageRequest.first()).total()).isZero();
        assertThat(messageRepository().list("org_1", "in_2", PageRequest.first()).total()).isEqualTo(1);
    }

    @Test
    default void findsTheThreadOfAMessageThatReferencesAnother() {
        StoredMessage reply = message("msg_2", "in_1", "thr_reply", 2, 2_000, "<reply@example.com>", "Re: Hello");
        StoredMessage withReferences = new StoredMessage(reply.id(), reply.organizationId(), reply.inboxId(), reply.threadId(),
            reply.direction(), reply.location(), new MessageContent(reply.content().rfcMessageId(), Optional.of("<root@example.com>"),
                List.of("<older@example.com>", "<root@example.com>"), reply.content().subject(), reply.content().from(), List.of(),
                reply.content().to(), List.of(), List.of(), reply.content().text(), Optional.empty(), "", Map.of(), List.of()),
            Analysis.NONE, Set.of(), reply.size(), reply.timestamp(), reply.createdAt(), reply.updatedAt());
        messageRepository().create(withReferences);

        assertThat(messageRepository().threadReferencing("in_1", "<root@example.com>")).contains("thr_reply");
        assertThat(messageRepository().threadReferencing("in_1", "<older@example.com>")).contains("thr_reply");
        assertThat(messageRepository().threadReferencing("in_2", "<root@example.com>")).isEmpty();

        messageRepository().delete(withReferences.location());
        assertThat(messageRepository().threadReferencing("in_1", "<root@example.com>")).isEmpty();
    }

    @Test
    default void theLatestMessageOfADirectionNewerThanAnInstant() {
        messageRepository().create(message("msg_1", "in_1", "thr_a", 1, 1_000, null, "Old"));
        messageRepository().create(message("msg_2", "in_1", "thr_b", 2, 3_000, null, "New"));

        assertThat(messageRepository().latest("org_1", "in_1", Direction.INBOUND, Optional.empty()).map(StoredMessage::id)).contains("msg_2");
        assertThat(messageRepository().latest("org_1", "in_1", Direction.INBOUND, Optional.of(Instant.ofEpochMilli(3_000)))).isEmpty();
        assertThat(messageRepository().latest("org_1", "in_1", Direction.OUTBOUND, Optional.empty())).isEmpty();
        assertThat(messageRepository().latest("org_2", "in_1", Direction.INBOUND, Optional.empty())).isEmpty();
    }

    private static StoredMessage inMailbox(StoredMessage message, String mailboxId) {
        return new StoredMessage(message.id(), message.organizationId(), message.inboxId(), message.threadId(),
            message.direction(), new MailboxLocation(mailboxId, message.location().uid()), message.content(),
            message.analysis(), message.labels(), message.size(), message.timestamp(), message.createdAt(),
            message.updatedAt());
    }

    @Test
    default void threadsAndTotalsFollowDeletesInEveryMailboxOfTheInbox() {
        messageRepository().create(message("msg_1", "in_1", "thr_a", 1, 1_000, null, "One"));
        messageRepository().create(message("msg_2", "in_1", "thr_b", 2, 2_000, null, "Two"));
        messageRepository().create(inMailbox(message("msg_3", "in_1", "thr_a", 1, 3_000, null, "Re: One"), "mbx-sent"));
        messageRepository().create(message("msg_4", "in_1", "thr_c", 3, 4_000, null, "Three"));
        assertThat(messageRepository().listThreadIds("org_1", "in_1", PageRequest.first()).data())
            .containsExactly("thr_c", "thr_a", "thr_b");

        messageRepository().deleteMailbox("mbx-sent");
        Page<String> threads = messageRepository().listThreadIds("org_1", "in_1", PageRequest.first());
        assertThat(threads.data()).as("thr_a is dated by its message left").containsExactly("thr_c", "thr_b", "thr_a");
        assertThat(threads.total()).isEqualTo(3);
        assertThat(messageRepository().list("org_1", "in_1", PageRequest.first()).total()).isEqualTo(3);

        messageRepository().delete(new MailboxLocation("mbx-in_1", 3));
        messageRepository().delete(new MailboxLocation("mbx-in_1", 1));
        threads = messageRepository().listThreadIds("org_1", "in_1", PageRequest.first());
        assertThat(threads.data()).containsExactly("thr_b");
        assertThat(threads.total()).isEqualTo(1);
        assertThat(messageRepository().list("org_1", "in_1", PageRequest.first()).total()).isEqualTo(1);
        assertThat(messageRepository().listThreadIds("org_2", "in_1", PageRequest.first()).total()).isZero();

        messageRepository().deleteMailbox("mbx-in_1");
        assertThat(messageRepository().listThreadIds("org_1", "in_1", PageRequest.first()).total()).isZero();
        assertThat(messageRepository().list("org_1", "in_1", PageRequest.first()).total()).isZero();
    }

    /**
     * Every page of a large inbox, read after mail arrived, arrived late (dated before messages already listed) and
     * was deleted: each message exactly once, newest first. Pairs of messages share a timestamp, and some their whole
     * listing key (another mailbox of the inbox, the same uid).
     */
    @Test
    default void everyPageHoldsItsMessagesAsTheInboxChanges() {
        long now = System.currentTimeMillis();
        long dayAgo = now - 86_400_000L;
        Map<String, StoredMessage> inInbox = new java.util.HashMap<>();
        java.util.function.Consumer<StoredMessage> add = message -> {
            assertThat(messageRepository().create(message)).isTrue();
            inInbox.put(message.id(), message);
        };
        for (int i = 0; i < 90; i++) {
            add.accept(message("msg_" + i, "in_1", "thr_" + i, i + 1, dayAgo + (i / 2) * 1_000L, null, "S"));
            if (i % 10 == 0) {
                add.accept(inMailbox(message("sent_" + i, "in_1", "thr_" + i, i + 1, dayAgo + (i / 2) * 1_000L, null,
                    "S"), "mbx-sent"));
            }
        }
        messageRepository().create(message("msg_other", "in_2", "thr_o", 1, dayAgo + 20_500, null, "S"));
        assertEveryPage(inInbox.values());

        for (int i = 0; i < 6; i++) {
            add.accept(message("new_" + i, "in_1", "thr_n" + i, 200 + i, now + i, null, "S"));
        }
        assertEveryPage(inInbox.values());

        add.accept(message("late", "in_1", "thr_late", 300, dayAgo + 10_500, null, "S"));
        assertEveryPage(inInbox.values());

        assertThat(messageRepository().delete(new MailboxLocation("mbx-in_1", 7))).isTrue();
        inInbox.remove("msg_6");
        assertEveryPage(inInbox.values());

        assertThat(messageRepository().deleteMailbox("mbx-sent")).isEqualTo(9);
        inInbox.keySet().removeIf(id -> id.startsWith("sent_"));
        assertEveryPage(inInbox.values());
    }

    private void assertEveryPage(Collection<StoredMessage> expected) {
        for (int pageSize : new int[] {1, 7, 100}) {
            List<StoredMessage> listed = new java.util.ArrayList<>();
            for (int page = 1; page <= expected.size() / pageSize + 1; page++) {
                Page<StoredMessage> read = messageRepository().list("org_1", "in_1", new PageRequest(page, pageSize));
                assertThat(read.total()).isEqualTo(expected.size());
                listed.addAll(read.data());
            }
            assertThat(listed).as("pages of " + pageSize).extracting(StoredMessage::id)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(StoredMessage::id).toList());
            assertThat(listed).as("pages of " + pageSize).isSortedAccordingTo(java.util.Comparator
                .comparing(StoredMessage::timestamp).thenComparing(StoredMessage::createdAt)
                .thenComparingLong(message -> message.location().uid()).reversed());
        }
    }

    /** Deliveries to one inbox, some into the same threads, while others are deleted. */
    @Test
    default void concurrentDeliveriesAndDeletesKeepTheTotals() throws Exception {
        int clients = 8;
        int perClient = 30;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        int n = client * perClient + i;
                        messageRepository().create(message("msg_" + n, "in_1", "thr_" + (n % 12), n + 1, 1_000 + n, null, "S"));
                        // A delivered twice is stored once.
                        messageRepository().create(message("dup_" + n, "in_1", "thr_x", n + 1, 1_000 + n, null, "S"));
                        if (i % 3 == 2) {
                            messageRepository().delete(new MailboxLocation("mbx-in_1", n + 1));
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Integer> kept = java.util.stream.IntStream.range(0, clients * perClient)
            .filter(n -> n % perClient % 3 != 2).boxed().toList();
        assertThat(messageRepository().list("org_1", "in_1", PageRequest.first()).total()).isEqualTo(kept.size());
        // Newest first, each thread dated by its newest message kept; thr_2, thr_5, ... lost every message.
        List<String> expected = kept.stream().sorted(java.util.Comparator.reverseOrder()).map(n -> "thr_" + (n % 12))
            .distinct().toList();
        Page<String> threads = messageRepository().listThreadIds("org_1", "in_1", new PageRequest(1, 100));
        assertThat(threads.data()).containsExactlyElementsOf(expected);
        assertThat(threads.total()).isEqualTo(expected.size());
    }
}
