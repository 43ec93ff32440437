package dev.agentmail.store.memory;

import dev.agentmail.domain.store.AttachmentTextRepository;
import dev.agentmail.domain.store.AttachmentTextRepositoryContract;
import dev.agentmail.domain.store.AttachmentTextSearchContract;
import dev.agentmail.domain.store.MessageRepository;
import dev.agentmail.domain.store.MessageRepositoryContract;
import org.junit.jupiter.api.BeforeEach;

class MemoryRepositoriesTest implements MessageRepositoryContract, AttachmentTextRepositoryContract,
    AttachmentTextSearchContract {
    private MemoryMessageRepository messages;
    private MemoryAttachmentTextRepository attachmentTexts;

    @BeforeEach
    void setUp() {
        messages = new MemoryMessageRepository();
        attachmentTexts = new MemoryAttachmentTextRepository(messages);
    }

    @Override
    public MessageRepository messageRepository() {
        return messages;
    }

    @Override
    public AttachmentTextRepository attachmentTextRepository() {
        return attachmentTexts;
    }
}
