package dev.agentmail.domain.store;

import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.store.AttachmentTextRepository.Key;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every AttachmentTextRepository backend must do; each backend's test implements the factory method. */
public interface AttachmentTextRepositoryContract {
    AttachmentTextRepository attachmentTextRepository();

    Key PDF = new Key("org_1", "inb_1", "msg_1", "att_1");
    Key DOCX = new Key("org_1", "inb_1", "msg_1", "att_2");
    Key LATER = new Key("org_1", "inb_1", "msg_2", "att_1");

    @Test
    default void queuedAttachmentsArePendingOldestFirstUntilRead() {
        AttachmentTextRepository texts = attachmentTextRepository();
        texts.enqueue(List.of(LATER), Instant.ofEpochMilli(2_000));
        texts.enqueue(List.of(PDF, DOCX), Instant.ofEpochMilli(1_000));

        assertThat(texts.pending(10)).containsExactlyInAnyOrder(PDF, DOCX, LATER);
        assertThat(texts.pending(2)).containsExactlyInAnyOrder(PDF, DOCX);
        assertThat(texts.forMessage("org_1", "msg_1").values()).containsOnly(AttachmentText.of(Status.PENDING));

        texts.save(PDF, AttachmentText.ready("Invoice for the quokka enclosure"), Instant.ofEpochMilli(3_000));
        texts.save(DOCX, AttachmentText.of(Status.FAILED), Instant.ofEpochMilli(3_000));

        assertThat(texts.pending(10)).containsExactly(LATER);
        assertThat(texts.forMessage("org_1", "msg_1")).containsEntry("att_1", AttachmentText.ready("Invoice for the quokka enclosure"))
            .containsEntry("att_2", AttachmentText.of(Status.FAILED)).hasSize(2);
    }

    @Test
    default void queuingAgainLeavesWhatWasReadAlone() {
        AttachmentTextRepository texts = attachmentTextRepository();
        texts.enqueue(List.of(PDF), Instant.ofEpochMilli(1_000));
        texts.save(PDF, AttachmentText.ready("text"), Instant.ofEpochMilli(2_000));

        texts.enqueue(List.of(PDF), Instant.ofEpochMilli(3_000));

        assertThat(texts.pending(10)).isEmpty();
        assertThat(texts.forMessage("org_1", "msg_1")).containsEntry("att_1", AttachmentText.ready("text"));
    }

    @Test
    default void anotherOrganizationSeesNothing() {
        AttachmentTextRepository texts = attachmentTextRepository();
        texts.enqueue(List.of(PDF), Instant.ofEpochMilli(1_000));

        assertThat(texts.forMessage("org_2", "msg_1")).isEmpty();
    }
}
