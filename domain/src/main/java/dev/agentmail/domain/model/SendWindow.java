package dev.agentmail.domain.model;

import java.time.Instant;

/**
 * What one counter of sends is kept for: a subject (which limit of which inbox, organization or thread) and the
 * start of the window it counts in.
 */
public record SendWindow(String subject, Instant start) {
}
