package dev.agentmail.app;

import dev.agentmail.attachmenttext.TikaAttachmentTextReader;
import dev.agentmail.domain.service.AttachmentTextQueue;
import dev.agentmail.domain.service.AttachmentTextWorker;
import org.apache.james.lifecycle.api.Startable;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

/** The attachment text worker as part of the server's life: it reads from start to stop, then Tika's threads end. */
final class AttachmentTextReading implements Startable {
    private final AttachmentTextWorker worker;
    private final TikaAttachmentTextReader reader;
    private final boolean enabled;

    @Inject
    AttachmentTextReading(AttachmentTextWorker worker, TikaAttachmentTextReader reader, AttachmentTextQueue queue) {
        this.worker = worker;
        this.reader = reader;
        this.enabled = queue.enabled();
    }

    void start() {
        if (enabled) {
            worker.start();
        }
    }

    @PreDestroy
    void stop() {
        try {
            worker.close();
        } finally {
            reader.close();
        }
    }
}
