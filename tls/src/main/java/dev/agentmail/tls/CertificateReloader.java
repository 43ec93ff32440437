package dev.agentmail.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the certificate files and, when both changed into a valid pair (as ACME clients renew them), has every
 * listener take the new certificate for new connections; a broken or half-written pair is logged and skipped.
 */
public final class CertificateReloader implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(CertificateReloader.class);

    /** A listener that rebuilds its TLS context from the files. */
    @FunctionalInterface
    public interface Reloadable {
        void reload() throws Exception;
    }

    private final CertificateFiles files;
    private final List<Reloadable> listeners;
    private final ScheduledExecutorService timer;
    private byte[] loaded;

    private CertificateReloader(CertificateFiles files, List<Reloadable> listeners) {
        this.files = files;
        this.listeners = List.copyOf(listeners);
        this.loaded = digest();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tls-certificate-reloader");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static CertificateReloader start(CertificateFiles files, List<Reloadable> listeners, Duration every) {
        CertificateReloader reloader = new CertificateReloader(files, listeners);
        reloader.timer.scheduleWithFixedDelay(reloader::checkNow, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return reloader;
    }

    /** @return whether the listeners were reloaded */
    synchronized boolean checkNow() {
        byte[] current = digest();
        if (current == null || Arrays.equals(current, loaded)) {
            return false;
        }
        try {
            PemFiles.keyStore(files, new char[0]);
        } catch (IllegalArgumentException e) {
            LOGGER.warn("TLS certificate files changed but do not form a valid pair yet; keeping the current one: {}",
                e.getMessage());
            return false;
        }
        for (Reloadable listener : listeners) {
            try {
                listener.reload();
            } catch (Exception e) {
                LOGGER.error("A listener could not take the new TLS certificate", e);
            }
        }
        loaded = current;
        LOGGER.info("TLS certificate reloaded from {}: SHA-256 {}", files.chain(), ServerCertificates.fingerprint(files.chain()));
        return true;
    }

    private byte[] digest() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(files.chain()));
            digest.update(Files.readAllBytes(files.key()));
            return digest.digest();
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
