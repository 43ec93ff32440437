package dev.agentmail.testopensearch;

import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One OpenSearch node for the tests, run from its Maven artifacts. A distribution loads its HTTP layer as a module from
 * its own directory; this node has none, so it passes the Netty plugin from the classpath, which only Node's protected
 * constructor accepts. Single-node, on loopback, without the security plugin (a distribution's, not a jar's).
 *
 * <p>Arguments: the home directory (data under it), the HTTP port, the transport port. Writes {@code ready} in the home
 * directory once the cluster is yellow, and runs until the JVM is told to stop.
 */
public final class TestOpenSearchNode extends Node {
    private TestOpenSearchNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(environment, plugins, true);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "agentmail-test")
            .put("node.name", "test")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", args[1])
            .put("transport.port", args[2])
            .put("http.type", Netty4Plugin.NETTY_HTTP_TRANSPORT_NAME)
            .put("transport.type", Netty4Plugin.NETTY_TRANSPORT_NAME)
            // A nearly full disk of a CI machine must not turn the test indexes read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        for (String directory : List.of("config", "plugins", "modules", "data", "logs")) {
            Files.createDirectories(home.resolve(directory));
        }
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "test");
        Node node = new TestOpenSearchNode(environment, List.of(Netty4Plugin.class));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        node.start();
        node.client().admin().cluster().prepareHealth().setWaitForYellowStatus().get();
        Files.writeString(home.resolve("ready"), args[1]);
        // The node's threads are daemons: this thread keeps the JVM up until it is stopped.
        stopped.await();
    }
}
