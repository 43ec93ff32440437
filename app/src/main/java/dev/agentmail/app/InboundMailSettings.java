package dev.agentmail.app;

import dev.agentmail.mailets.inbound.InboundDmarc;

/** How the inbound SMTP port treats a sender domain's DMARC policy (AGENTMAIL_INBOUND_DMARC). */
record InboundMailSettings(InboundDmarc dmarc) {
}
