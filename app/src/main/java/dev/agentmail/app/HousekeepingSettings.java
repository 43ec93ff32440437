package dev.agentmail.app;

import java.time.Duration;

/** How often expired disposable inboxes are deleted, and how often pending domains' DNS records are checked. */
record HousekeepingSettings(Duration expiryCheck, Duration domainCheck) {
}
