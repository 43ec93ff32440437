package dev.agentmail.cluster;

import dev.agentmail.domain.event.EventFeed;
import dev.agentmail.domain.model.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two relays on one real RabbitMQ broker stand for two nodes. */
class RabbitMqEventRelayTest {
    private final EventFeed nodeOne = new EventFeed();
    private final EventFeed nodeTwo = new EventFeed();
    private final List<EventFeed.Appended> heardByOne = new CopyOnWriteArrayList<>();
    private final List<EventFeed.Appended> heardByTwo = new CopyOnWriteArrayList<>();
    private RabbitMqEventRelay relayOne;
    private RabbitMqEventRelay relayTwo;

    @BeforeEach
    void start() throws Exception {
        String uri = System.getenv("AGENTMAIL_TEST_RABBITMQ");
        assumeTrue(uri != null, "AGENTMAIL_TEST_RABBITMQ is not set: start a broker with scripts/test-rabbitmq.sh");
        relayOne = RabbitMqEventRelay.start(URI.create(uri), nodeOne);
        relayTwo = RabbitMqEventRelay.start(URI.create(uri), nodeTwo);
        nodeOne.subscribe(heardByOne::add);
        nodeTwo.subscribe(heardByTwo::add);
    }

    @AfterEach
    void stop() {
        if (relayOne != null) {
            relayOne.close();
        }
        if (relayTwo != null) {
            relayTwo.close();
        }
    }

    @Test
    void anAppendOnOneNodeRingsTheOtherAsRemote() throws Exception {
        long before = nodeTwo.version();
        EventFeed.Appended appended = new EventFeed.Appended("org_1", EventType.MESSAGE_RECEIVED, Optional.of("inbox1"), true);

        nodeOne.appended(appended);

        await().atMost(Duration.ofSeconds(10)).until(() -> !heardByTwo.isEmpty());
        assertThat(heardByTwo).containsExactly(
            new EventFeed.Appended("org_1", EventType.MESSAGE_RECEIVED, Optional.of("inbox1"), false));
        assertThat(nodeTwo.version()).isGreaterThan(before);
        // A node does not hear its own notice back, and a notice heard is not passed on again.
        Thread.sleep(300);
        assertThat(heardByOne).containsExactly(appended);
        assertThat(heardByTwo).hasSize(1);
    }

    @Test
    void eventsWithoutInboxTravelToo() {
        nodeTwo.appended(new EventFeed.Appended("org_2", EventType.DOMAIN_VERIFIED, Optional.empty(), true));

        await().atMost(Duration.ofSeconds(10)).until(() -> !heardByOne.isEmpty());
        assertThat(heardByOne).containsExactly(
            new EventFeed.Appended("org_2", EventType.DOMAIN_VERIFIED, Optional.empty(), false));
    }
}
