package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every InboxRepository backend must do; each backend's test implements the factory method. */
public interface InboxRepositoryContract {
    InboxRepository inboxRepository();

    static Inbox inbox(String id, String organizationId, String username, long createdAtMillis) {
        Instant at = Instant.ofEpochMilli(createdAtMillis);
        return new Inbox(id, organizationId, username, "agentmail.test", Optional.of("Agent " + id),
            Optional.of("client-" + id), at, at);
    }

    @Test
    default void createdInboxesAreFoundWithEveryField() {
        Inbox full = inbox("in_a", "org_1", "agent-a", 1_700_000_000_001L);
        Instant at = Instant.ofEpochMilli(1_000);
        Inbox bare = new Inbox("in_b", "org_1", "agent-b", "agentmail.test", Optional.empty(), Optional.empty(), at, at);
        inboxRepository().create(full);
        inboxRepository().create(bare);

        assertThat(inboxRepository().find("org_1", "in_a")).contains(full);
        assertThat(inboxRepository().find("org_1", "in_b")).contains(bare);
    }

    @Test
    default void anotherOrganizationDoesNotSeeTheInbox() {
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));

        assertThat(inboxRepository().find("org_2", "in_a")).isEmpty();
        assertThat(inboxRepository().list("org_2", PageRequest.first()).total()).isZero();
        assertThat(inboxRepository().count("org_2")).isZero();
    }

    @Test
    default void findsByAddressAcrossOrganizations() {
        Inbox inbox = inbox("in_a", "org_1", "agent-a", 1_000);
        inboxRepository().create(inbox);

        assertThat(inboxRepository().findByAddress("agent-a", "agentmail.test")).contains(inbox);
        assertThat(inboxRepository().findByAddress("agent-a", "other.test")).isEmpty();
        assertThat(inboxRepository().findByAddress("agent-b", "agentmail.test")).isEmpty();
    }

    @Test
    default void anAddressIsUniqueOnThePlatform() {
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));

        assertThatThrownBy(() -> inboxRepository().create(inbox("in_b", "org_2", "agent-a", 2_000)))
            .isInstanceOf(AddressTakenException.class);
        assertThat(inboxRepository().find("org_2", "in_b")).isEmpty();
    }

    @Test
    default void concurrentCreationsOfOneAddressLetExactlyOneWin() throws Exception {
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String id = "in_" + i;
                tasks.add(() -> {
                    try {
                        inboxRepository().create(inbox(id, "org_" + id, "contested", 1_000));
                        return true;
                    } catch (AddressTakenException e) {
                        return false;
                    }
                });
            }
            long winners = 0;
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void listsNewestFirstWithPagesAndTotal() {
        for (int i = 1; i <= 5; i++) {
            inboxRepository().create(inbox("in_" + i, "org_1", "agent-" + i, i * 1_000L));
        }
        inboxRepository().create(inbox("in_x", "org_2", "agent-x", 9_000));

        Page<Inbox> first = inboxRepository().list("org_1", new PageRequest(1, 2));
        Page<Inbox> last = inboxRepository().list("org_1", new PageRequest(3, 2));

        assertThat(first.data()).extracting(Inbox::id).containsExactly("in_5", "in_4");
        assertThat(last.data()).extracting(Inbox::id).containsExactly("in_1");
        assertThat(first.total()).isEqualTo(5);
        assertThat(inboxRepository().count("org_1")).isEqualTo(5);
    }

    @Test
    default void updateChangesTheDisplayNameAndTime() {
        Inbox inbox = inbox("in_a", "org_1", "agent-a", 1_000);
        inboxRepository().create(inbox);
        Inbox renamed = inbox.withDisplayName(Optional.empty(), Instant.ofEpochMilli(5_000));

        inboxRepository().update(renamed);

        assertThat(inboxRepository().find("org_1", "in_a")).contains(renamed);
    }

    @Test
    default void deleteRemovesTheInboxOnceAndOnlyForItsOrganization() {
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));

        assertThat(inboxRepository().delete("org_2", "in_a")).isFalse();
        assertThat(inboxRepository().delete("org_1", "in_a")).isTrue();
        assertThat(inboxRepository().delete("org_1", "in_a")).isFalse();
        assertThat(inboxRepository().findByAddress("agent-a", "agentmail.test")).isEmpty();
    }

    @Test
    default void aDeletedAddressCanBeTakenAgain() {
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));
        inboxRepository().delete("org_1", "in_a");

        inboxRepository().create(inbox("in_b", "org_2", "agent-a", 2_000));

        assertThat(inboxRepository().findByAddress("agent-a", "agentmail.test").map(Inbox::id)).contains("in_b");
    }
}
