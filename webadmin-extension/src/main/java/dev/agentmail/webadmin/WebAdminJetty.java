package dev.agentmail.webadmin;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;
import spark.embeddedserver.jetty.JettyServerFactory;

/**
 * The Jetty that James WebAdmin runs on, through Spark, made to send no {@code Server} header. Spark builds its
 * connectors after the server and offers no hook for their configuration, so the server sets it on them as it starts.
 * Spark's registry is the JVM's: {@link #install()} must run before WebAdmin starts.
 */
public final class WebAdminJetty implements JettyServerFactory {
    // Spark's own defaults, for when James leaves them unset.
    private static final int MIN_THREADS = 8;
    private static final int IDLE_TIMEOUT_MS = 60_000;

    private WebAdminJetty() {
    }

    public static void install() {
        EmbeddedServers.add(EmbeddedServers.Identifiers.JETTY, new EmbeddedJettyFactory(new WebAdminJetty()));
    }

    @Override
    public Server create(int maxThreads, int minThreads, int threadTimeoutMillis) {
        return create(maxThreads > 0 ? new QueuedThreadPool(maxThreads, minThreads > 0 ? minThreads : MIN_THREADS,
            threadTimeoutMillis > 0 ? threadTimeoutMillis : IDLE_TIMEOUT_MS) : null);
    }

    @Override
    public Server create(ThreadPool threadPool) {
        return new Server(threadPool) {
            @Override
            protected void doStart() throws Exception {
                for (Connector connector : getConnectors()) {
                    for (ConnectionFactory factory : connector.getConnectionFactories()) {
                        if (factory instanceof HttpConfiguration.ConnectionFactory http) {
                            http.getHttpConfiguration().setSendServerVersion(false);
                        }
                    }
                }
                super.doStart();
            }
        };
    }
}
