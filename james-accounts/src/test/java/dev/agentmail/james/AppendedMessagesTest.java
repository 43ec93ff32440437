package dev.agentmail.james;

import dev.agentmail.domain.model.MailboxLocation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppendedMessagesTest {
    private final AppendedMessages appended = new AppendedMessages();

    private static MailboxLocation at(long uid) {
        return new MailboxLocation("7", uid);
    }

    @Test
    void contentIsTakenOnce() {
        appended.remember(at(1), new byte[] {1, 2, 3});

        assertThat(appended.take(at(1))).hasValue(new byte[] {1, 2, 3});
        assertThat(appended.take(at(1))).isEmpty();
        assertThat(appended.take(at(2))).isEmpty();
    }

    @Test
    void contentLargerThanAMessageMayBeIsNotKept() {
        appended.remember(at(1), new byte[AppendedMessages.MAX_MESSAGE_BYTES + 1]);

        assertThat(appended.keeps(AppendedMessages.MAX_MESSAGE_BYTES + 1)).isFalse();
        assertThat(appended.take(at(1))).isEmpty();
    }

    @Test
    void contentNeverTakenMakesWayForNewerOnceThereAreTooManyEntries() {
        for (int uid = 1; uid <= AppendedMessages.MAX_ENTRIES + 1; uid++) {
            appended.remember(at(uid), new byte[] {(byte) uid});
        }

        assertThat(appended.take(at(1))).isEmpty();
        assertThat(appended.take(at(2))).isPresent();
        assertThat(appended.take(at(AppendedMessages.MAX_ENTRIES + 1))).isPresent();
    }

    @Test
    void contentNeverTakenMakesWayForNewerOnceThereAreTooManyBytes() {
        int perMessage = AppendedMessages.MAX_MESSAGE_BYTES;
        long fitting = AppendedMessages.MAX_TOTAL_BYTES / perMessage;
        for (int uid = 1; uid <= fitting + 1; uid++) {
            appended.remember(at(uid), new byte[perMessage]);
        }

        assertThat(appended.take(at(1))).isEmpty();
        assertThat(appended.take(at(2))).isPresent();
        assertThat(appended.take(at(fitting + 1))).isPresent();
    }
}
