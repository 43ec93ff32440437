package dev.agentmail.api;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} open connections per client address on the API's connectors; a connection over it is closed
 * as soon as it opens. Jetty 9.4 limits connections only overall ({@code ConnectionLimit}), so this counts per address.
 */
final class PerAddressConnectionLimit implements Connection.Listener {
    private final int limit;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    PerAddressConnectionLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        InetSocketAddress remote = endPoint.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return;
        }
        InetAddress address = remote.getAddress();
        int now = open.merge(address, 1, Integer::sum);
        counted.put(connection, address);
        if (now > limit) {
            endPoint.close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) {
            open.computeIfPresent(address, (ignored, count) -> count > 1 ? count - 1 : null);
        }
    }
}
