package dev.agentmail.app;

import dev.agentmail.domain.service.WebhookDispatcher;
import org.apache.james.lifecycle.api.Startable;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

/** The webhook dispatcher's background delivery as part of the server's life: it runs from start to stop. */
final class WebhookDispatch implements Startable {
    private final WebhookDispatcher dispatcher;

    @Inject
    WebhookDispatch(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void start() {
        dispatcher.start();
    }

    @PreDestroy
    void stop() {
        dispatcher.close();
    }
}
