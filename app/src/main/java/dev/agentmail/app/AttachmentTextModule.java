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
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

/** Attachments read as text: Tika behind the domain's port, the queue indexing fills and the worker that reads it. */
final class AttachmentTextModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(AttachmentTextReader.class).to(TikaAttachmentTextReader.class);
        bind(AttachmentTextQueue.class).in(Scopes.SINGLETON);
        bind(AttachmentTextWorker.class).in(Scopes.SINGLETON);
        bind(AttachmentTextReading.class).in(Scopes.SINGLETON);
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
