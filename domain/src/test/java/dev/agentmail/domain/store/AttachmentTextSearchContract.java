package dev.agentmail.domain.store;

import dev.agentmail.domain.model.AttachmentText;
import dev.agentmail.domain.model.AttachmentText.Status;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.StoredMessage;
import dev.agentmail.domain.store.AttachmentTextRepository.Key;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A message search matches the text read from its attachments: what every backend pairing of the two must do. */
public interface AttachmentTextSearchContract {
    MessageRepository messageRepository();

    AttachmentTextRepository attachmentTextRepository();

    private List<String> search(String q) {
        return messageRepository().list("org_1", "in_1", MessageSearch.parse(q), PageRequest.first()).data().stream()
            .map(StoredMessage::id).toList();
    }

    @Test
    default void readyAttachmentTextIsSearchedWithItsMessage() {
        messageRepository().create(MessageRepositoryContract.message("msg_1", "in_1", "thr_1", 1, 1_000, null, "Invoice"));
        messageRepository().create(MessageRepositoryContract.message("msg_2", "in_1", "thr_2", 2, 2_000, null, "Lunch"));
        Key pdf = new Key("org_1", "in_1", "msg_1", "att_1");
        Key other = new Key("org_1", "in_1", "msg_2", "att_1");
        attachmentTextRepository().enqueue(List.of(pdf, other), Instant.ofEpochMilli(1_000));
        assertThat(search("quokka")).isEmpty();

        attachmentTextRepository().save(pdf, AttachmentText.ready("For the Quokka enclosure"), Instant.ofEpochMilli(2_000));
        attachmentTextRepository().save(other, AttachmentText.of(Status.FAILED), Instant.ofEpochMilli(2_000));

        assertThat(search("quokka")).containsExactly("msg_1");
        assertThat(search("QUOKKA hello")).containsExactly("msg_1");
        assertThat(search("enclosure invoice")).containsExactly("msg_1");
        assertThat(search("lunch quokka")).isEmpty();
    }
}
