package dev.agentmail.app;

import dev.agentmail.attachmenttext.TikaAttachmentTextReader;
import dev.agentmail.domain.service.AttachmentTextWorker;
import org.apache.james.lifecycle.api.Startable;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

/** The attachment text worker as part of the server's life: it reads from start to stop, then Tika's threads end. */
final class AttachmentTextReading implements Startable {
    private final AttachmentTextWorker worker;
    private final TikaAttachmentTextReader reader;

    @Inject
    AttachmentTextReading(AttachmentTextWorker worker, TikaAttachmentTextReader reader) {
        this.worker = worker;
        this.reader = reader;
    }

    void start() {
        worker.start();
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
