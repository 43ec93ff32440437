package dev.agentmail.api;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import dev.agentmail.api.auth.ApiKeyAuthFilter;
import dev.agentmail.api.auth.CallerScopeRelease;
import dev.agentmail.api.auth.PermissionFeature;
import dev.agentmail.tls.CertificateFiles;
import dev.agentmail.tls.PemFiles;
import dev.agentmail.tls.TlsPolicy;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.apache.james.lifecycle.api.Startable;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The REST API: Jersey on the Jetty that James already ships, with resources made by Guice. */
public class ApiServer implements AutoCloseable, Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ApiServer.class);
    private static final int MAX_THREADS = 200;
    private static final long STOP_TIMEOUT_MS = 5_000;
    // The key store lives in memory only; Jetty wants some password for it.
    private static final char[] KEY_STORE_PASSWORD = "in-memory".toCharArray();

    private final Server server;
    private final ServerConnector connector;
    private final Optional<ServerConnector> httpsConnector;
    private final Optional<SslContextFactory.Server> tls;

    @Inject
    public ApiServer(ApiServerSettings settings, @ApiResources Set<Object> resources, ApiKeyAuthFilter authFilter,
                     IdempotencyFilter idempotencyFilter) {
        ResourceConfig config = new ResourceConfig()
            .property(ServerProperties.WADL_FEATURE_DISABLE, true)
            .property(ServerProperties.BV_FEATURE_DISABLE, true)
            .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
            .register(new JacksonJsonProvider(JsonMapper.get()))
            .register(new ThrowableMapper())
            .register(new V1ErrorFilter())
            .register(authFilter)
            .register(new PermissionFeature())
            .register(idempotencyFilter);
        resources.forEach(config::register);

        server = new Server(new QueuedThreadPool(MAX_THREADS, 8, 60_000));
        connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration()));
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        server.addConnector(connector);
        tls = settings.https().map(https -> tlsContext(https.certificate()));
        httpsConnector = settings.https().map(https -> {
            HttpConfiguration secure = httpConfiguration();
            secure.addCustomizer(new SecureRequestCustomizer());
            ServerConnector tlsConnector = new ServerConnector(server,
                new SslConnectionFactory(tls.get(), HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(secure));
            tlsConnector.setHost(settings.bindAddress());
            tlsConnector.setPort(https.port());
            server.addConnector(tlsConnector);
            return tlsConnector;
        });
        limitConnections(settings.connectionLimits());
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder jersey = new ServletHolder(new ServletContainer(config));
        // Calls that wait for mail suspend instead of holding a thread.
        jersey.setAsyncSupported(true);
        context.addServlet(jersey, "/*");
        context.addFilter(new FilterHolder(new CallerScopeRelease()), "/*",
            EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        context.setErrorHandler(new JsonErrorHandler());
        server.setHandler(context);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(STOP_TIMEOUT_MS);
    }

    /** No {@code Server} header: which Jetty answers is nobody's business but ours. */
    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        return configuration;
    }

    private void limitConnections(ApiServerSettings.ConnectionLimits limits) {
        if (limits.overall() > 0) {
            // Stops accepting at the limit (the kernel's backlog holds the rest) rather than refusing.
            server.addBean(new ConnectionLimit(limits.overall(), server));
        }
        if (limits.perAddress() > 0) {
            PerAddressConnectionLimit perAddress = new PerAddressConnectionLimit(limits.perAddress());
            connector.addBean(perAddress);
            httpsConnector.ifPresent(https -> https.addBean(perAddress));
        }
    }

    public void start() throws Exception {
        server.start();
        LOGGER.info("REST API listening on {}:{}", connector.getHost(), connector.getLocalPort());
        httpsConnector.ifPresent(https -> LOGGER.info("REST API listening with TLS on {}:{}", https.getHost(),
            https.getLocalPort()));
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The HTTPS port, when there is one. */
    public Optional<Integer> httpsPort() {
        return httpsConnector.map(ServerConnector::getLocalPort);
    }

    /** New HTTPS connections use the certificate files as they are now. */
    public void reloadCertificate(CertificateFiles certificate) throws Exception {
        if (tls.isPresent()) {
            tls.get().reload(factory -> factory.setKeyStore(PemFiles.keyStore(certificate, KEY_STORE_PASSWORD)));
        }
    }

    private static SslContextFactory.Server tlsContext(CertificateFiles certificate) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(PemFiles.keyStore(certificate, KEY_STORE_PASSWORD));
        factory.setKeyStorePassword(new String(KEY_STORE_PASSWORD));
        factory.setIncludeProtocols(TlsPolicy.PROTOCOLS.toArray(String[]::new));
        factory.setIncludeCipherSuites(TlsPolicy.CIPHER_SUITES.toArray(String[]::new));
        return factory;
    }

    /** Stopped by James's {@code @PreDestroy} stage when the server runs in James. */
    @PreDestroy
    @Override
    public void close() throws Exception {
        server.stop();
    }
}
