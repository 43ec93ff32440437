package dev.agentmail.mailets;

/** The header that names a message's trip through the spool, the same on every redelivery of it. */
public final class DeliveryIds {
    public static final String HEADER = "X-Agentmail-Delivery-Id";

    private DeliveryIds() {
    }
}
