package dev.agentmail.domain.store;

class InMemoryAttachmentTextRepositoryTest implements AttachmentTextRepositoryContract {
    private final AttachmentTextRepository repository = new InMemoryAttachmentTextRepository();

    @Override
    public AttachmentTextRepository attachmentTextRepository() {
        return repository;
    }
}
