package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.AttachmentInfo;
import dev.agentmail.domain.model.Direction;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
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
}
