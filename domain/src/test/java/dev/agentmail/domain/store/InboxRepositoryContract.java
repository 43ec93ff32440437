package dev.agentmail.domain.store;

import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.model.Inbox;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every InboxRepository backend must do; each backend's test implements the factory method, which must hand
 * out repositories over one store that starts empty for each test. Organization ids are plain strings here: a
 * backend must not require the organization to exist.
 */
public interface InboxRepositoryContract {
    String DOMAIN = "agentmail.test";

    InboxRepository inboxRepository();

    /** created_at and updated_at differ, so that a backend swapping them fails. */
    static Inbox inbox(String id, String organizationId, String username, long createdAtMillis) {
        Instant at = Instant.ofEpochMilli(createdAtMillis);
        return new Inbox(id, organizationId, username, DOMAIN, Optional.of("Agent " + id),
            Optional.of("client-" + id), at, at.plusMillis(3));
    }

    @Test
    default void createdInboxesAreFoundWithEveryField() {
        Inbox full = new Inbox("in_a", "org_1", "agent-a", DOMAIN, Optional.of("Agent Zoë's \"desk\" ✉"),
            Optional.of("client-a"), Instant.ofEpochMilli(1_700_000_000_001L), Instant.ofEpochMilli(1_700_000_000_999L));
        Instant at = Instant.ofEpochMilli(1_000);
        Inbox bare = new Inbox("in_b", "org_1", "agent-b", DOMAIN, Optional.empty(), Optional.empty(), at, at);
        inboxRepository().create(full);
        inboxRepository().create(bare);

        assertThat(inboxRepository().find("org_1", "in_a")).contains(full);
        assertThat(inboxRepository().find("org_1", "in_b")).contains(bare);
        assertThat(inboxRepository().findByAddress("agent-a", DOMAIN)).contains(full);
        assertThat(inboxRepository().findByAddress("agent-b", DOMAIN)).contains(bare);
    }

    @Test
    default void unknownInboxesAreNotFound() {
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));

        assertThat(inboxRepository().find("org_1", "in_missing")).isEmpty();
        assertThat(inboxRepository().find("org_1", "IN_A")).isEmpty();
    }

    @Test
    default void anotherOrganizationDoesNotSeeTheInbox() {
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));

        assertThat(inboxRepository().find("org_2", "in_a")).isEmpty();
        Page<Inbox> list = inboxRepository().list("org_2", PageRequest.first());
        assertThat(list.data()).isEmpty();
        assertThat(list.total()).isZero();
        assertThat(inboxRepository().count("org_2")).isZero();
    }

    @Test
    default void findsByAddressAcrossOrganizations() {
        Inbox inbox = inbox("in_a", "org_1", "agent-a", 1_000);
        inboxRepository().create(inbox);
        inboxRepository().create(inbox("in_b", "org_2", "agent-b", 1_000));

        assertThat(inboxRepository().findByAddress("agent-a", DOMAIN)).contains(inbox);
        assertThat(inboxRepository().findByAddress("agent-b", DOMAIN).map(Inbox::id)).contains("in_b");
        assertThat(inboxRepository().findByAddress("agent-a", "other.test")).isEmpty();
        assertThat(inboxRepository().findByAddress("agent-c", DOMAIN)).isEmpty();
    }

    @Test
    default void anAddressIsUniqueOnThePlatform() {
        Inbox first = inbox("in_a", "org_1", "agent-a", 1_000);
        inboxRepository().create(first);

        assertThatThrownBy(() -> inboxRepository().create(inbox("in_b", "org_2", "agent-a", 2_000)))
            .isInstanceOf(AddressTakenException.class)
            .isInstanceOf(ConflictException.class)
            .hasMessageContaining("agent-a@" + DOMAIN);
        assertThatThrownBy(() -> inboxRepository().create(inbox("in_c", "org_1", "agent-a", 3_000)))
            .isInstanceOf(AddressTakenException.class);
        assertThat(inboxRepository().find("org_2", "in_b")).isEmpty();
        assertThat(inboxRepository().find("org_1", "in_c")).isEmpty();
        assertThat(inboxRepository().count("org_2")).isZero();
        assertThat(inboxRepository().count("org_1")).isEqualTo(1);
        assertThat(inboxRepository().findByAddress("agent-a", DOMAIN)).contains(first);
    }

    @Test
    default void theSameUsernameMayBeUsedOnAnotherDomain() {
        Instant at = Instant.ofEpochMilli(1_000);
        Inbox onOther = new Inbox("in_b", "org_2", "agent-a", "other.test", Optional.empty(), Optional.empty(), at, at);
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));

        inboxRepository().create(onOther);

        assertThat(inboxRepository().findByAddress("agent-a", "other.test")).contains(onOther);
        assertThat(inboxRepository().findByAddress("agent-a", DOMAIN).map(Inbox::id)).contains("in_a");
    }

    /** A check before the insert cannot guard this: only the store's own uniqueness can. */
    @Test
    default void concurrentCreationsOfOneAddressLetExactlyOneWin() throws Exception {
        int attempts = 8;
        CyclicBarrier start = new CyclicBarrier(attempts);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String id = "in_" + i;
                tasks.add(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    try {
                        inboxRepository().create(inbox(id, "org_" + id, "contested", 1_000));
                        return true;
                    } catch (AddressTakenException e) {
                        return false;
                    }
                });
            }
            List<String> winners = new ArrayList<>();
            List<Future<Boolean>> results = pool.invokeAll(tasks);
            for (int i = 0; i < attempts; i++) {
                if (results.get(i).get()) {
                    winners.add("in_" + i);
                }
            }
            assertThat(winners).hasSize(1);
            String winner = winners.get(0);
            assertThat(inboxRepository().findByAddress("contested", DOMAIN).map(Inbox::id)).contains(winner);
            for (int i = 0; i < attempts; i++) {
                String id = "in_" + i;
                assertThat(inboxRepository().count("org_" + id)).isEqualTo(id.equals(winner) ? 1 : 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Inbox withClientId(String id, String organizationId, String username, String clientId) {
        Instant at = Instant.ofEpochMilli(1_000);
        return new Inbox(id, organizationId, username, DOMAIN, Optional.empty(), Optional.of(clientId), at, at);
    }

    @Test
    default void aClientIdNamesOneInboxPerOrganization() {
        Inbox first = withClientId("in_a", "org_1", "agent-a", "crm-7");
        inboxRepository().create(first);
        inboxRepository().create(withClientId("in_b", "org_2", "agent-b", "crm-7"));
        inboxRepository().create(inbox("in_c", "org_1", "agent-c", 1_000));

        assertThatThrownBy(() -> inboxRepository().create(withClientId("in_d", "org_1", "agent-d", "crm-7")))
            .isInstanceOf(ClientIdTakenException.class);

        assertThat(inboxRepository().findByClientId("org_1", "crm-7")).contains(first);
        assertThat(inboxRepository().findByClientId("org_2", "crm-7").map(Inbox::id)).contains("in_b");
        assertThat(inboxRepository().findByClientId("org_1", "CRM-7")).isEmpty();
        assertThat(inboxRepository().findByAddress("agent-d", DOMAIN)).isEmpty();
        assertThat(inboxRepository().count("org_1")).isEqualTo(2);
    }

    @Test
    default void inboxesWithoutClientIdAreManyAndADeletedInboxFreesItsClientId() {
        Instant at = Instant.ofEpochMilli(1_000);
        inboxRepository().create(new Inbox("in_a", "org_1", "agent-a", DOMAIN, Optional.empty(), Optional.empty(), at, at));
        inboxRepository().create(new Inbox("in_b", "org_1", "agent-b", DOMAIN, Optional.empty(), Optional.empty(), at, at));
        inboxRepository().create(withClientId("in_c", "org_1", "agent-c", "crm-7"));

        inboxRepository().delete("org_1", "in_c");

        assertThat(inboxRepository().findByClientId("org_1", "crm-7")).isEmpty();
        inboxRepository().create(withClientId("in_d", "org_1", "agent-d", "crm-7"));
        assertThat(inboxRepository().findByClientId("org_1", "crm-7").map(Inbox::id)).contains("in_d");
    }

    @Test
    default void concurrentCreationsWithOneClientIdLetExactlyOneWin() throws Exception {
        int attempts = 8;
        CyclicBarrier start = new CyclicBarrier(attempts);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Inbox inbox = withClientId("in_" + i, "org_1", "agent-" + i, "crm-raced");
                tasks.add(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    try {
                        inboxRepository().create(inbox);
                        return true;
                    } catch (ClientIdTakenException e) {
                        return false;
                    }
                });
            }
            int won = 0;
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                won += result.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(inboxRepository().count("org_1")).isEqualTo(1);
            String winner = inboxRepository().findByClientId("org_1", "crm-raced").orElseThrow().username();
            for (int i = 0; i < attempts; i++) {
                String username = "agent-" + i;
                assertThat(inboxRepository().findByAddress(username, DOMAIN).isPresent()).isEqualTo(username.equals(winner));
            }
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
        // The latest update does not move an inbox: the order is by creation.
        inboxRepository().update(inbox("in_1", "org_1", "agent-1", 1_000)
            .withDisplayName(Optional.empty(), Instant.ofEpochMilli(20_000)));

        Page<Inbox> first = inboxRepository().list("org_1", new PageRequest(1, 2));
        Page<Inbox> middle = inboxRepository().list("org_1", new PageRequest(2, 2));
        Page<Inbox> last = inboxRepository().list("org_1", new PageRequest(3, 2));
        Page<Inbox> beyond = inboxRepository().list("org_1", new PageRequest(4, 2));

        assertThat(first.data()).extracting(Inbox::id).containsExactly("in_5", "in_4");
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.page()).isEqualTo(1);
        assertThat(first.pageSize()).isEqualTo(2);
        assertThat(middle.data()).extracting(Inbox::id).containsExactly("in_3", "in_2");
        assertThat(last.data()).extracting(Inbox::id).containsExactly("in_1");
        assertThat(last.total()).isEqualTo(5);
        assertThat(beyond.data()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
        assertThat(beyond.page()).isEqualTo(4);
        assertThat(first.data().get(0)).isEqualTo(inbox("in_5", "org_1", "agent-5", 5_000));
    }

    @Test
    default void inboxesCreatedAtTheSameInstantAreOrderedById() {
        inboxRepository().create(inbox("in_b", "org_1", "agent-b", 1_000));
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));
        inboxRepository().create(inbox("in_c", "org_1", "agent-c", 1_000));
        inboxRepository().create(inbox("in_0", "org_1", "agent-0", 500));

        assertThat(inboxRepository().list("org_1", PageRequest.first()).data()).extracting(Inbox::id)
            .containsExactly("in_c", "in_b", "in_a", "in_0");
        assertThat(inboxRepository().list("org_1", new PageRequest(2, 2)).data()).extracting(Inbox::id)
            .containsExactly("in_a", "in_0");
    }

    @Test
    default void countsTheInboxesOfOneOrganization() {
        assertThat(inboxRepository().count("org_1")).isZero();
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));
        inboxRepository().create(inbox("in_b", "org_1", "agent-b", 1_000));
        inboxRepository().create(inbox("in_c", "org_2", "agent-c", 1_000));

        assertThat(inboxRepository().count("org_1")).isEqualTo(2);
        assertThat(inboxRepository().count("org_2")).isEqualTo(1);
        inboxRepository().delete("org_1", "in_a");
        assertThat(inboxRepository().count("org_1")).isEqualTo(1);
    }

    @Test
    default void countsTheInboxesOfOneDomainAcrossOrganizations() {
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));
        inboxRepository().create(inbox("in_b", "org_2", "agent-b", 1_000));
        Instant at = Instant.ofEpochMilli(1_000);
        inboxRepository().create(new Inbox("in_c", "org_1", "agent-a", "other.test", Optional.empty(), Optional.empty(), at, at));

        assertThat(inboxRepository().countByDomain(DOMAIN)).isEqualTo(2);
        assertThat(inboxRepository().countByDomain("other.test")).isEqualTo(1);
        assertThat(inboxRepository().countByDomain("none.test")).isZero();
    }

    @Test
    default void updateChangesTheDisplayNameAndTime() {
        Inbox inbox = inbox("in_a", "org_1", "agent-a", 1_000);
        Inbox neighbour = inbox("in_b", "org_1", "agent-b", 1_000);
        inboxRepository().create(inbox);
        inboxRepository().create(neighbour);

        Inbox cleared = inbox.withDisplayName(Optional.empty(), Instant.ofEpochMilli(5_000));
        inboxRepository().update(cleared);
        assertThat(inboxRepository().find("org_1", "in_a")).contains(cleared);

        Inbox renamed = cleared.withDisplayName(Optional.of("Renamed ✓"), Instant.ofEpochMilli(6_001));
        inboxRepository().update(renamed);
        assertThat(inboxRepository().find("org_1", "in_a")).contains(renamed);
        assertThat(inboxRepository().findByAddress("agent-a", DOMAIN)).contains(renamed);

        assertThat(inboxRepository().find("org_1", "in_b")).contains(neighbour);
    }

    @Test
    default void storesAndUpdatesTheSendMode() {
        InboxRepository repository = inboxRepository();
        Inbox inbox = inbox("inbox-1", "org-a", "agent", 1_000);
        repository.create(inbox.withSendMode(dev.agentmail.domain.model.SendMode.APPROVAL, inbox.updatedAt()));
        assertThat(repository.find("org-a", "inbox-1")).map(Inbox::sendMode)
            .contains(dev.agentmail.domain.model.SendMode.APPROVAL);

        Inbox direct = repository.find("org-a", "inbox-1").orElseThrow()
            .withSendMode(dev.agentmail.domain.model.SendMode.DIRECT, Instant.ofEpochMilli(5_000));
        repository.update(direct);

        assertThat(repository.find("org-a", "inbox-1")).contains(direct);
    }

    @Test
    default void deleteRemovesTheInboxOnceAndOnlyForItsOrganization() {
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));

        assertThat(inboxRepository().delete("org_2", "in_a")).isFalse();
        assertThat(inboxRepository().find("org_1", "in_a")).isPresent();
        assertThat(inboxRepository().findByAddress("agent-a", DOMAIN)).isPresent();
        assertThat(inboxRepository().delete("org_1", "in_a")).isTrue();
        assertThat(inboxRepository().delete("org_1", "in_a")).isFalse();
        assertThat(inboxRepository().find("org_1", "in_a")).isEmpty();
        assertThat(inboxRepository().findByAddress("agent-a", DOMAIN)).isEmpty();
    }

    @Test
    default void aDeletedAddressCanBeTakenAgain() {
        inboxRepository().create(inbox("in_a", "org_1", "agent-a", 1_000));
        inboxRepository().delete("org_1", "in_a");

        inboxRepository().create(inbox("in_b", "org_2", "agent-a", 2_000));

        assertThat(inboxRepository().findByAddress("agent-a", DOMAIN).map(Inbox::id)).contains("in_b");
    }

    @Test
    default void expiredDisposableInboxesAreFoundOldestFirst() {
        Instant at = Instant.ofEpochMilli(1_000);
        inboxRepository().create(new Inbox("in_late", "org_1", "late", "agentmail.test", Optional.empty(), Optional.empty(),
            at, at, Optional.of(Instant.ofEpochMilli(9_000))));
        inboxRepository().create(new Inbox("in_early", "org_1", "early", "agentmail.test", Optional.empty(), Optional.empty(),
            at, at, Optional.of(Instant.ofEpochMilli(5_000))));
        inboxRepository().create(inbox("in_kept", "org_1", "kept", 1_000));

        assertThat(inboxRepository().findExpired(Instant.ofEpochMilli(4_999), 10)).isEmpty();
        assertThat(inboxRepository().findExpired(Instant.ofEpochMilli(10_000), 10)).extracting(Inbox::id)
            .containsExactly("in_early", "in_late");
        assertThat(inboxRepository().findExpired(Instant.ofEpochMilli(10_000), 1)).extracting(Inbox::id).containsExactly("in_early");
        assertThat(inboxRepository().find("org_1", "in_late").orElseThrow().expiresAt()).contains(Instant.ofEpochMilli(9_000));
    }
}
