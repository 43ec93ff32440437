package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/** Secrets that every node of a cluster must hold alike, made at random by the first node that asks for one. */
public class CassandraSharedSecrets {
    private final Cql cql;

    public CassandraSharedSecrets(CassandraStore store) {
        this.cql = store.cql();
    }

    /** The secret of this name, {@code length} random bytes made now if no node made it before. */
    public byte[] getOrCreate(String name, int length) {
        byte[] candidate = new byte[length];
        new SecureRandom().nextBytes(candidate);
        cql.execute("INSERT INTO shared_secrets (name, value) VALUES (?, ?) IF NOT EXISTS", name, ByteBuffer.wrap(candidate));
        // Read back at LOCAL_SERIAL: the winner of a race between two starting nodes, whichever it was.
        ByteBuffer value = cql.execute(cql.bind("SELECT value FROM shared_secrets WHERE name = ?", name)
                .setConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL))
            .one().getByteBuffer("value");
        byte[] secret = new byte[value.remaining()];
        value.get(secret);
        return secret;
    }
}
