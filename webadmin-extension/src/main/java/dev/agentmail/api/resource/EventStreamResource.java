package dev.agentmail.api.resource;

import dev.agentmail.api.auth.Caller;
import dev.agentmail.api.auth.RequiresPermission;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.LimitExceededException;
import dev.agentmail.domain.event.EventStreams;
import dev.agentmail.domain.model.Permission;
import dev.agentmail.domain.model.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import javax.inject.Singleton;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/v0/events}: the organization's events as Server-Sent Events, each with its event id (what
 * {@code Last-Event-ID} resumes after), its type as the SSE event name and its JSON payload as data. A comment every
 * 15 seconds keeps proxies from closing an idle stream and tells us when the client has gone.
 */
@Path("/api/v0/events")
@Singleton
@RequiresPermission(Permission.READ)
public class EventStreamResource {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventStreamResource.class);
    private static final int MAX_STREAMS = 256;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final EventStreams streams;
    private final Semaphore openStreams = new Semaphore(MAX_STREAMS);
    private final ExecutorService writers;

    @Inject
    public EventStreamResource(EventStreams streams) {
        this.streams = streams;
        AtomicInteger count = new AtomicInteger();
        this.writers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "event-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SecurityContext security, @Context SseEventSink sink, @Context Sse sse,
                       @QueryParam("event_types") List<String> eventTypes,
                       @QueryParam("inbox_ids") List<String> inboxIds,
                       @HeaderParam("Last-Event-ID") String lastEventId) {
        EventStreams.Cursor cursor = streams.open(Caller.of(security).organizationId(), commaSeparated(eventTypes),
                commaSeparated(inboxIds), Optional.ofNullable(lastEventId).filter(id -> !id.isBlank()))
            .orElseThrow(() -> new InvalidInputException("Last-Event-ID", "no event '"
                + InvalidInputException.printable(lastEventId) + "' to resume after; it is unknown or too old"));
        if (!openStreams.tryAcquire()) {
            throw new LimitExceededException("the server has " + MAX_STREAMS + " event streams open; try again later");
        }
        writers.execute(() -> {
            try (sink) {
                sink.send(sse.newEventBuilder().comment("connected").build());
                while (!sink.isClosed()) {
                    List<StoredEvent> events = cursor.next(KEEP_ALIVE);
                    if (events.isEmpty()) {
                        sink.send(sse.newEventBuilder().comment("keep-alive").build());
                    }
                    for (StoredEvent event : events) {
                        sink.send(sse.newEventBuilder().id(event.id()).name(event.type().wireName())
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, event.payload()).build());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOGGER.debug("Event stream ended", e);
            } finally {
                openStreams.release();
            }
        });
    }

    /** {@code ?event_types=a,b} and {@code ?event_types=a&event_types=b} both work. */
    private static List<String> commaSeparated(List<String> values) {
        return values.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::strip)
            .filter(value -> !value.isEmpty()).toList();
    }
}
