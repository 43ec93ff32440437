package dev.agentmail.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free loopback ports for one server's listeners. */
record Ports(int api, int smtp, int submission, int imap, int admin) {
    static Ports free() {
        return new Ports(next(), next(), next(), next(), next());
    }

    static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
