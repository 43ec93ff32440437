package dev.agentmail.store.jdbc;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ListingAnchorsTest {
    private static final long NOW = 1_000_000_000L;
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private final ListingAnchors anchors = new ListingAnchors(10, 20, clock);
    private final List<ListingAnchors.Key> newestFirst = new ArrayList<>();
    private int reads;

    private final ListingAnchors.Listing listing = reader -> {
        reads++;
        newestFirst.forEach(reader);
    };

    /** 100 messages a second apart, the newest an hour old. */
    private void hundredOldMessages() {
        for (int i = 99; i >= 0; i--) {
            newestFirst.add(new ListingAnchors.Key(NOW - 3_600_000 - (99 - i) * 1_000L, 0, i, "msg_" + i));
        }
    }

    @Test
    void aDeepPageStartsAtTheNearestKeyAboveIt() {
        hundredOldMessages();

        for (long offset = 20; offset < 100; offset++) {
            ListingAnchors.Start start = anchors.start("in_1", 100, 0, offset, listing).orElseThrow();
            int keyAt = newestFirst.indexOf(start.key());
            assertThat(keyAt + start.skip()).as("offset " + offset).isEqualTo(offset);
            assertThat(start.skip()).isLessThan(10);
        }
        assertThat(reads).isOne();
    }

    @Test
    void shallowPagesAndPagesPastTheEndAreLeftToTheirOffset() {
        hundredOldMessages();

        assertThat(anchors.start("in_1", 100, 0, 19, listing)).isEmpty();
        assertThat(anchors.start("in_1", 100, 0, 100, listing)).isEmpty();
        assertThat(reads).isZero();
    }

    @Test
    void newMailKeepsTheKeysAndAReorderReadsThemAgain() {
        hundredOldMessages();
        ListingAnchors.Start before = anchors.start("in_1", 100, 3, 50, listing).orElseThrow();

        // Five new messages sort above every key: the same message is now 55 in.
        assertThat(anchors.start("in_1", 105, 3, 55, listing)).contains(before);
        assertThat(reads).isOne();

        anchors.start("in_1", 105, 4, 55, listing);
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void messagesFromTheLastTwoMinutesAreNeverKept() {
        for (int i = 0; i < 100; i++) {
            newestFirst.add(new ListingAnchors.Key(NOW - 60_000 - i, 0, 100 - i, "msg_" + i));
        }

        assertThat(anchors.start("in_1", 100, 0, 50, listing)).isEmpty();
        assertThat(anchors.start("in_1", 100, 0, 50, listing)).as("kept, though empty, until newer keys can be")
            .isEqualTo(Optional.empty());
        assertThat(reads).isOne();
    }

    @Test
    void onlyMessagesOlderThanAMinuteReorder() {
        assertThat(anchors.reorders(NOW - 60_001)).isTrue();
        assertThat(anchors.reorders(NOW - 60_000)).isFalse();
        assertThat(anchors.reorders(NOW + 5_000)).isFalse();
    }
}
