package dev.agentmail.app;

import dev.agentmail.tls.CertificateFiles;
import dev.agentmail.tls.CertificateReloader;
import org.apache.james.lifecycle.api.Startable;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import java.util.Optional;

/** Renewed certificate files reach every listener that serves them, from start to stop. */
final class CertificateReloading implements Startable {
    private final CertificateFiles certificate;
    private final TlsListeners listeners;
    private final TlsSettings settings;
    private volatile Optional<CertificateReloader> reloader = Optional.empty();

    @Inject
    CertificateReloading(CertificateFiles certificate, TlsListeners listeners, TlsSettings settings) {
        this.certificate = certificate;
        this.listeners = listeners;
        this.settings = settings;
    }

    void start() {
        reloader = Optional.of(CertificateReloader.start(certificate, listeners.all(certificate), settings.reloadCheck()));
    }

    @PreDestroy
    void stop() {
        reloader.ifPresent(CertificateReloader::close);
    }
}
