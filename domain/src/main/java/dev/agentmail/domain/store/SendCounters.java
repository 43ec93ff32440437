package dev.agentmail.domain.store;

import dev.agentmail.domain.model.SendWindow;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Counts of what was sent, per window. Shared by every node of a deployment, so that a limit holds across them;
 * adding is atomic, so that counts from concurrent sends are never lost.
 */
public interface SendCounters {
    /** @return the count of each window asked for, 0 for a window nothing was counted in */
    Map<SendWindow, Long> counts(Collection<SendWindow> windows);

    /** Adds each amount to its window's count. */
    void add(Map<SendWindow, Long> amounts);

    /** Forgets the windows that started before {@code cutoff}. */
    void forgetBefore(Instant cutoff);
}
