package dev.agentmail.james.stores;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBStore;
import org.apache.activemq.store.kahadb.MessageDatabase;
import org.apache.activemq.store.kahadb.data.KahaTraceCommand;
import org.apache.activemq.store.kahadb.disk.journal.DataFile;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.activemq.FileSystemBlobTransferPolicy;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.jms.ConnectionFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-JVM ActiveMQ broker persisting the mail spool in KahaDB under the data dir. Each server gets a broker
 * of its own name, reached only through the VM transport, so that no port is opened and two servers in one
 * JVM (as in tests) never share a queue.
 */
public class EmbeddedBroker {
    private static final String BLOB_TRANSFER_LOCATION = "file://var/store/activemq/blob-transfer";

    /**
     * KahaDB takes this lock's read side around every journal write with its index update, and its write side to
     * checkpoint and to delete or compact journal files. It is not public; the backup holds its write side to
     * freeze the journal, as a checkpoint does.
     */
    private static final Field CHECKPOINT_LOCK = checkpointLockField();

    private final BrokerService broker;
    private final KahaDBPersistenceAdapter kahaDb;
    private final ActiveMQConnectionFactory connectionFactory;

    /** Where the broker keeps its journal. */
    public record Directory(Path path) {
    }

    @Inject
    public EmbeddedBroker(Directory spool, FileSystem fileSystem) throws Exception {
        Path directory = spool.path();
        String name = "agentmail-" + UUID.randomUUID();
        kahaDb = new KahaDBPersistenceAdapter();
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

    /**
     * Copies the journal as one consistent state into {@code target}, while the spool runs: for the copy, every
     * enqueue and acknowledgement waits (SMTP answers 250 a moment later), and no checkpoint deletes or compacts a
     * journal file. The index is not copied; KahaDB rebuilds it from the journal at the next start on the copy.
     */
    public void copyJournalTo(Path target) throws IOException {
        KahaDBStore store = kahaDb.getStore();
        ReentrantReadWriteLock.WriteLock freeze = checkpointLock(store).writeLock();
        freeze.lock();
        try {
            // A synced write: every write queued before it is on disk once it returns.
            store.store(new KahaTraceCommand().setMessage("agentmail backup"), true, null, null);
            for (DataFile file : new TreeMap<>(store.getJournal().getFileMap()).values()) {
                copyPrefix(file.getFile().toPath(), target.resolve(file.getFile().getName()), file.getLength());
            }
        } finally {
            freeze.unlock();
        }
    }

    /** Journal files are preallocated: only the part written so far is copied. */
    private static void copyPrefix(Path source, Path target, long length) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < length) {
                long copied = in.transferTo(done, length - done, out);
                if (copied <= 0) {
                    throw new IOException("the journal file " + source + " is shorter than the " + length + " bytes written to it");
                }
                done += copied;
            }
            out.force(true);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    }

    private static ReentrantReadWriteLock checkpointLock(KahaDBStore store) {
        try {
            return (ReentrantReadWriteLock) CHECKPOINT_LOCK.get(store);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field checkpointLockField() {
        try {
            Field field = MessageDatabase.class.getDeclaredField("checkpointLock");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this ActiveMQ's KahaDB has no checkpointLock: the spool backup needs "
                + "the KahaDB of ActiveMQ 5.17", e);
        }
    }

    @PreDestroy
    public void stop() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
