package dev.agentmail.domain.store;

import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.DraftContent;
import dev.agentmail.domain.model.DraftStatus;
import dev.agentmail.domain.model.MailboxLocation;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What every DraftRepository backend must do, over a store that starts empty for each test. */
public interface DraftRepositoryContract {
    DraftRepository draftRepository();

    static Draft draft(String id, String organizationId, String inboxId, DraftStatus status, long createdAtMillis) {
        Instant at = Instant.ofEpochMilli(createdAtMillis);
        DraftContent content = new DraftContent(List.of("Ann <ann@example.com>"), List.of("cc@example.com"),
            List.of("bcc@example.com"), List.of("replies@example.com"), "Subject " + id, Optional.of("text " + id),
            Optional.of("<p>html</p>"), List.of(new DraftContent.Attachment("a.txt", "text/plain", "aGk=")),
            List.of("urgent"), Map.of("X-Campaign", "spring"), Optional.of("msg_original"));
        return new Draft(id, organizationId, inboxId, status, content, Optional.of(at.plusSeconds(60)),
            Optional.of("thr_1"), Optional.empty(), Optional.empty(),
            Optional.of(new MailboxLocation("mbx-" + id, createdAtMillis)), at, at.plusMillis(5));
    }

    @Test
    default void storesEveryDraftFieldAndFindsOnlyInItsOrganization() {
        DraftRepository repository = draftRepository();
        Draft draft = draft("drf_1", "org_a", "inbox_1", DraftStatus.DRAFT, 1_000);
        repository.create(draft);

        assertThat(repository.find("org_a", "drf_1")).contains(draft);
        assertThat(repository.find("drf_1")).contains(draft);
        assertThat(repository.find("org_b", "drf_1")).isEmpty();
        assertThat(repository.find("org_a", "drf_unknown")).isEmpty();
        assertThat(repository.findByLocation(new MailboxLocation("mbx-drf_1", 1_000))).contains(draft);
        assertThat(repository.findByLocation(new MailboxLocation("mbx-drf_1", 1_001))).isEmpty();
    }

    @Test
    default void storesADraftWithoutItsOptionalFields() {
        DraftRepository repository = draftRepository();
        Instant at = Instant.ofEpochMilli(2_000);
        Draft draft = new Draft("drf_2", "org_a", "inbox_1", DraftStatus.SENT,
            new DraftContent(List.of(), List.of(), List.of(), List.of(), "", Optional.empty(), Optional.empty(),
                List.of(), List.of(), Map.of(), Optional.empty()),
            Optional.empty(), Optional.empty(), Optional.of("msg_sent"), Optional.empty(), Optional.empty(), at, at);
        repository.create(draft);

        assertThat(repository.find("org_a", "drf_2")).contains(draft);
    }

    @Test
    default void listsDraftsByInboxAndByStatusNewestFirstWithTotals() {
        DraftRepository repository = draftRepository();
        repository.create(draft("drf_1", "org_a", "inbox_1", DraftStatus.PENDING_APPROVAL, 1_000));
        repository.create(draft("drf_2", "org_a", "inbox_2", DraftStatus.PENDING_APPROVAL, 2_000));
        repository.create(draft("drf_3", "org_a", "inbox_1", DraftStatus.DRAFT, 3_000));
        repository.create(draft("drf_4", "org_b", "inbox_9", DraftStatus.PENDING_APPROVAL, 4_000));

        Page<Draft> byInbox = repository.listByInbox("org_a", "inbox_1", new PageRequest(1, 1));
        assertThat(byInbox.data()).extracting(Draft::id).containsExactly("drf_3");
        assertThat(byInbox.total()).isEqualTo(2);
        assertThat(repository.listByInbox("org_a", "inbox_1", new PageRequest(2, 1)).data()).extracting(Draft::id)
            .containsExactly("drf_1");
        assertThat(repository.listByInbox("org_b", "inbox_1", new PageRequest(1, 10)).data()).isEmpty();

        Page<Draft> pending = repository.list("org_a", Optional.of(DraftStatus.PENDING_APPROVAL), new PageRequest(1, 10));
        assertThat(pending.data()).extracting(Draft::id).containsExactly("drf_2", "drf_1");
        assertThat(pending.total()).isEqualTo(2);
        assertThat(repository.list("org_a", Optional.empty(), new PageRequest(1, 10)).data()).extracting(Draft::id)
            .containsExactly("drf_3", "drf_2", "drf_1");
    }

    @Test
    default void updatesADraftOnlyFromTheExpectedStatus() {
        DraftRepository repository = draftRepository();
        Draft draft = draft("drf_1", "org_a", "inbox_1", DraftStatus.PENDING_APPROVAL, 1_000);
        repository.create(draft);
        Draft sending = draft.withStatus(DraftStatus.SENDING, Instant.ofEpochMilli(9_000));

        assertThat(repository.update(sending, DraftStatus.PENDING_APPROVAL)).isTrue();
        assertThat(repository.update(sending.withStatus(DraftStatus.SENT, Instant.ofEpochMilli(9_001)),
            DraftStatus.PENDING_APPROVAL)).isFalse();

        assertThat(repository.find("org_a", "drf_1")).contains(sending);
        assertThat(repository.list("org_a", Optional.of(DraftStatus.PENDING_APPROVAL), new PageRequest(1, 10)).data())
            .isEmpty();
        assertThat(repository.list("org_a", Optional.of(DraftStatus.SENDING), new PageRequest(1, 10)).data())
            .containsExactly(sending);
    }

    @Test
    default void movesTheDraftLocationWithAnEdit() {
        DraftRepository repository = draftRepository();
        Draft draft = draft("drf_1", "org_a", "inbox_1", DraftStatus.DRAFT, 1_000);
        repository.create(draft);
        MailboxLocation next = new MailboxLocation("mbx-drf_1", 1_001);

        assertThat(repository.update(draft.withLocation(Optional.of(next), Instant.ofEpochMilli(2_000)),
            DraftStatus.DRAFT)).isTrue();

        assertThat(repository.findByLocation(next)).map(Draft::id).contains("drf_1");
        assertThat(repository.findByLocation(new MailboxLocation("mbx-drf_1", 1_000))).isEmpty();
        Draft sent = repository.find("drf_1").orElseThrow().sent("msg_1", "thr_9", Instant.ofEpochMilli(3_000));
        assertThat(repository.update(sent, DraftStatus.DRAFT)).isTrue();
        assertThat(repository.findByLocation(next)).isEmpty();
    }

    @Test
    default void findsScheduledDraftsWhoseTimeHasCome() {
        DraftRepository repository = draftRepository();
        // send_at is a minute after creation.
        repository.create(draft("drf_1", "org_a", "inbox_1", DraftStatus.SCHEDULED, 1_000));
        repository.create(draft("drf_2", "org_b", "inbox_2", DraftStatus.SCHEDULED, 2_000));
        repository.create(draft("drf_3", "org_a", "inbox_1", DraftStatus.SCHEDULED, 90_000));
        repository.create(draft("drf_4", "org_a", "inbox_1", DraftStatus.PENDING_APPROVAL, 500));
        Instant now = Instant.ofEpochMilli(62_000);

        assertThat(repository.findDue(now, 10)).extracting(Draft::id).containsExactly("drf_1", "drf_2");
        assertThat(repository.findDue(now, 1)).extracting(Draft::id).containsExactly("drf_1");

        Draft sending = repository.find("drf_1").orElseThrow().withStatus(DraftStatus.SENDING, now);
        assertThat(repository.update(sending, DraftStatus.SCHEDULED)).isTrue();
        assertThat(repository.findDue(now, 10)).extracting(Draft::id).containsExactly("drf_2");
    }

    @Test
    default void deletesADraftOnlyInItsOrganization() {
        DraftRepository repository = draftRepository();
        repository.create(draft("drf_1", "org_a", "inbox_1", DraftStatus.SCHEDULED, 1_000));

        assertThat(repository.delete("org_b", "drf_1")).isFalse();
        assertThat(repository.delete("org_a", "drf_1")).isTrue();
        assertThat(repository.delete("org_a", "drf_1")).isFalse();
        assertThat(repository.find("drf_1")).isEmpty();
        assertThat(repository.findDue(Instant.ofEpochMilli(999_999), 10)).isEmpty();
        assertThat(repository.list("org_a", Optional.empty(), new PageRequest(1, 10)).total()).isZero();
    }
}
