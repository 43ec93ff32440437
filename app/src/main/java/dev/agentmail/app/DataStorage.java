package dev.agentmail.app;

import com.google.inject.Module;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.SecretsAtRest;

/** Where our own data lives: the repositories the services use, the download-link key, what to close at the end. */
interface DataStorage extends AutoCloseable {
    /** Binds every repository interface of the domain. */
    Module repositories();

    /** The secrets kept in this storage, as a whole, sealed by {@code sealer}. */
    SecretsAtRest secretsAtRest(SecretSealer sealer);

    /** The key that signs download links; every node of one deployment must hold the same. */
    byte[] linkSigningKey() throws Exception;

    /** Runs {@code work} while no other node of the deployment runs work of this name. */
    void runAlone(String name, Work work) throws Exception;

    interface Work {
        void run() throws Exception;
    }

    @Override
    void close();
}
