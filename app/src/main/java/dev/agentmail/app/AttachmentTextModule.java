package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.agentmail.attachmenttext.TikaAttachmentTextReader;
import dev.agentmail.domain.port.AttachmentTextReader;
import dev.agentmail.domain.service.AttachmentTextQueue;
import dev.agentmail.domain.service.AttachmentTextWorker;
import dev.agentmail.domain.store.AttachmentTextRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import java.time.Clock;

/** Attachments read as text: Tika behind the domain's port, the queue indexing fills and the worker that reads it. */
final class AttachmentTextModule extends AbstractModule {
    /** {@code AGENTMAIL_ATTACHMENT_TEXT}: whether attachments are read at all. */
    private final boolean enabled;

    AttachmentTextModule(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    protected void configure() {
        bind(AttachmentTextReader.class).to(TikaAttachmentTextReader.class);
        bind(AttachmentTextWorker.class).in(Scopes.SINGLETON);
        bind(AttachmentTextReading.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    AttachmentTextQueue queue(AttachmentTextRepository texts, Clock clock) {
        return new AttachmentTextQueue(texts, clock, enabled);
    }

    @Provides
    @Singleton
    TikaAttachmentTextReader tikaReader() {
        return new TikaAttachmentTextReader(TikaAttachmentTextReader.Limits.DEFAULT);
    }

    @ProvidesIntoSet
    InitializationOperation startAttachmentTextReading(AttachmentTextReading reading) {
        return InitilizationOperationBuilder.forClass(AttachmentTextReading.class).init(reading::start);
    }
}
