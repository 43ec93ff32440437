package dev.agentmail.api;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import dev.agentmail.api.auth.ApiKeyAuthFilter;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.util.Set;

/** The REST API: Jersey on the Jetty that James already ships, with resources made by Guice. */
public class ApiServer implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ApiServer.class);
    private static final int MAX_THREADS = 200;
    private static final long STOP_TIMEOUT_MS = 5_000;

    private final Server server;
    private final ServerConnector connector;

    @Inject
    public ApiServer(ApiServerSettings settings, @ApiResources Set<Object> resources, ApiKeyAuthFilter authFilter) {
        ResourceConfig config = new ResourceConfig()
            .property(ServerProperties.WADL_FEATURE_DISABLE, true)
            .property(ServerProperties.BV_FEATURE_DISABLE, true)
            .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
            .register(new JacksonJsonProvider(JsonMapper.get()))
            .register(new ThrowableMapper())
            .register(new V1ErrorFilter())
            .register(authFilter);
        resources.forEach(config::register);

        server = new Server(new QueuedThreadPool(MAX_THREADS, 8, 60_000));
        connector = new ServerConnector(server);
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder jersey = new ServletHolder(new ServletContainer(config));
        // Calls that wait for mail suspend instead of holding a thread.
        jersey.setAsyncSupported(true);
        context.addServlet(jersey, "/*");
        context.setErrorHandler(new JsonErrorHandler());
        server.setHandler(context);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(STOP_TIMEOUT_MS);
    }

    public void start() throws Exception {
        server.start();
        LOGGER.info("REST API listening on {}:{}", connector.getHost(), connector.getLocalPort());
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
