package dev.agentmail.james.distributed;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BucketName;
import org.apache.james.blob.api.HashBlobId;
import org.apache.james.blob.api.MetricableBlobStore;
import org.apache.james.blob.cassandra.CassandraBlobModule;
import org.apache.james.blob.cassandra.CassandraBlobStoreDAO;
import org.apache.james.blob.cassandra.CassandraBucketDAO;
import org.apache.james.blob.cassandra.CassandraDefaultBucketDAO;
import org.apache.james.server.blob.deduplication.PassThroughBlobStore;

/**
 * Message contents, attachments and spooled mail as blobs in Cassandra (chunked, in James's keyspace).
 *
 * <p>Pass-through, not deduplication: every blob has an id of its own and is deleted with what refers to it (an
 * expunged message, a dequeued mail). Deduplicated blobs are shared, so James never deletes them and leaves that to
 * a garbage-collection task over all blob references; our inboxes are short-lived and deleted in bulk, and without
 * that task the store would only grow. Deduplication would save little: agents' mail is rarely sent to many of our
 * inboxes at once.
 */
public class CassandraBlobStoreModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(BucketName.class).annotatedWith(Names.named(BlobStore.DEFAULT_BUCKET_NAME_QUALIFIER))
            .toInstance(BucketName.DEFAULT);
        bind(CassandraDefaultBucketDAO.class).in(Scopes.SINGLETON);
        bind(CassandraBucketDAO.class).in(Scopes.SINGLETON);
        bind(CassandraBlobStoreDAO.class).in(Scopes.SINGLETON);
        bind(BlobStoreDAO.class).to(CassandraBlobStoreDAO.class);

        bind(HashBlobId.Factory.class).in(Scopes.SINGLETON);
        bind(BlobId.Factory.class).to(HashBlobId.Factory.class);
        bind(PassThroughBlobStore.class).in(Scopes.SINGLETON);
        bind(BlobStore.class).annotatedWith(Names.named(MetricableBlobStore.BLOB_STORE_IMPLEMENTATION))
            .to(PassThroughBlobStore.class);
        bind(MetricableBlobStore.class).in(Scopes.SINGLETON);
        bind(BlobStore.class).to(MetricableBlobStore.class);

        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraBlobModule.MODULE);
    }
}
