package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import dev.agentmail.domain.port.AttachmentReader;
import dev.agentmail.domain.port.MessageAnalyzer;
import dev.agentmail.domain.port.MessageReader;
import dev.agentmail.domain.port.MimeComposer;
import dev.agentmail.extraction.ReadingAnalyzer;
import dev.agentmail.mime.JavaMailComposer;
import dev.agentmail.mime.MimeAttachmentReader;
import dev.agentmail.mime.MimeMessageReader;

/** MIME read and composed, and what is found in received mail (codes, links, reply texts). */
final class MimeAndExtractionModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(AttachmentReader.class).to(MimeAttachmentReader.class).in(Scopes.SINGLETON);
        bind(MimeComposer.class).to(JavaMailComposer.class).in(Scopes.SINGLETON);
        bind(MessageReader.class).to(MimeMessageReader.class).in(Scopes.SINGLETON);
        bind(MessageAnalyzer.class).to(ReadingAnalyzer.class).in(Scopes.SINGLETON);
    }
}
