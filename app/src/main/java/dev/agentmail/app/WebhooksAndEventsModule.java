package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.agentmail.api.JsonEventPayloads;
import dev.agentmail.domain.event.DomainEvents;
import dev.agentmail.domain.event.DraftEvents;
import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.event.EventFilters;
import dev.agentmail.domain.event.EventMetrics;
import dev.agentmail.domain.event.EventRecorder;
import dev.agentmail.domain.event.EventStreams;
import dev.agentmail.domain.event.MessageEvents;
import dev.agentmail.domain.port.EventPayloads;
import dev.agentmail.domain.port.MailMetrics;
import dev.agentmail.domain.port.WebhookTransport;
import dev.agentmail.domain.service.RetrySchedule;
import dev.agentmail.domain.service.TargetGuard;
import dev.agentmail.domain.service.WebhookDispatcher;
import dev.agentmail.domain.service.WebhookService;
import dev.agentmail.domain.store.EventOutbox;
import dev.agentmail.http.HttpWebhookTransport;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import java.time.Clock;
import java.util.List;

/** Events: the buses, the outbox they are recorded in, the event streams, webhooks and their delivery. */
final class WebhooksAndEventsModule extends AbstractModule {
    private final RetrySchedule webhookRetries;

    WebhooksAndEventsModule(RetrySchedule webhookRetries) {
        this.webhookRetries = webhookRetries;
    }

    @Override
    protected void configure() {
        bind(WebhookTransport.class).to(HttpWebhookTransport.class).in(Scopes.SINGLETON);
        bind(EventFeed.class).in(Scopes.SINGLETON);
        bind(EventPayloads.class).to(JsonEventPayloads.class).in(Scopes.SINGLETON);
        bind(EventRecorder.class).in(Scopes.SINGLETON);
        bind(EventFilters.class).in(Scopes.SINGLETON);
        bind(EventStreams.class).in(Scopes.SINGLETON);
        bind(WebhookService.class).in(Scopes.SINGLETON);
        bind(WebhookDispatch.class).in(Scopes.SINGLETON);
    }

    /** Made with the recorder and the metrics subscribed: whatever publishes a message event has it recorded. */
    @Provides
    @Singleton
    MessageEvents messageEvents(EventRecorder recorder, EventMetrics metrics) {
        MessageEvents events = new MessageEvents();
        events.subscribe(recorder::record);
        events.subscribe(metrics::record);
        return events;
    }

    @Provides
    @Singleton
    DomainEvents domainEvents(EventRecorder recorder) {
        DomainEvents events = new DomainEvents();
        events.subscribe(recorder::recordVerified);
        return events;
    }

    @Provides
    @Singleton
    DraftEvents draftEvents(EventRecorder recorder) {
        DraftEvents events = new DraftEvents();
        events.subscribe(recorder::recordDraft);
        return events;
    }

    @Provides
    @Singleton
    WebhookDispatcher webhookDispatcher(EventOutbox outbox, EventFeed feed, TargetGuard guard, WebhookTransport transport,
                                        Clock clock, MailMetrics metrics) {
        return new WebhookDispatcher(outbox, feed, guard, transport, webhookRetries, clock, metrics);
    }

    /** Deliveries start last, after the chores, as the API already takes calls. */
    @ProvidesIntoSet
    InitializationOperation startWebhookDelivery(WebhookDispatch dispatch) {
        return InitilizationOperationBuilder.forClass(WebhookDispatch.class).init(dispatch::start)
            .requires(List.of(Housekeeping.class));
    }
}
