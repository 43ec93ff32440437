package dev.agentmail.james.stores;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.activemq.FileSystemBlobTransferPolicy;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.UUID;

/**
 * An in-JVM ActiveMQ broker persisting the mail spool in KahaDB under the data dir. Each server gets a broker
 * of its own name, reached only through the VM transport, so that no port is opened and two servers in one
 * JVM (as in tests) never share a queue.
 */
public class EmbeddedBroker {
    private static final String BLOB_TRANSFER_LOCATION = "file://var/store/activemq/blob-transfer";

    private final BrokerService broker;
    private final ActiveMQConnectionFactory connectionFactory;

    /** Where the broker keeps its journal. */
    public record Directory(Path path) {
    }

    @Inject
    public EmbeddedBroker(Directory spool, FileSystem fileSystem) throws Exception {
        Path directory = spool.path();
        String name = "agentmail-" + UUID.randomUUID();
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(directory.resolve("kahadb").toFile());
        // Every enqueue is on disk before SMTP answers 250.
        kahaDb.setEnableJournalDiskSyncs(true);

        broker = new BrokerService();
        broker.setBrokerName(name);
        broker.setPersistent(true);
        broker.setDataDirectoryFile(directory.toFile());
        broker.setPersistenceAdapter(kahaDb);
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        broker.setSchedulerSupport(false);
        broker.setAdvisorySupport(false);
        broker.start();
        broker.waitUntilStarted();

        FileSystemBlobTransferPolicy blobTransfer = new FileSystemBlobTransferPolicy();
        blobTransfer.setDefaultUploadUrl(BLOB_TRANSFER_LOCATION);
        blobTransfer.setFileSystem(fileSystem);
        ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
        prefetch.setQueuePrefetch(0);
        prefetch.setTopicPrefetch(0);
        connectionFactory = new ActiveMQConnectionFactory("vm://" + name + "?create=false");
        connectionFactory.setTrustAllPackages(false);
        connectionFactory.setBlobTransferPolicy(blobTransfer);
        connectionFactory.setPrefetchPolicy(prefetch);
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    @PreDestroy
    public void stop() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
