package dev.agentmail.app;

import dev.agentmail.api.ApiServer;
import dev.agentmail.tls.CertificateFiles;
import dev.agentmail.tls.CertificateReloader;
import org.apache.james.protocols.lib.netty.CertificateReloadable;

import javax.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Every listener that serves the certificate, James's SMTP and IMAP servers and the API's HTTPS, for reloads. */
public class TlsListeners {
    private final Set<CertificateReloadable.Factory> jamesServers;
    private final ApiServer api;

    @Inject
    public TlsListeners(Set<CertificateReloadable.Factory> jamesServers, ApiServer api) {
        this.jamesServers = jamesServers;
        this.api = api;
    }

    public List<CertificateReloader.Reloadable> all(CertificateFiles certificate) {
        return Stream.concat(
                jamesServers.stream().flatMap(CertificateReloadable.Factory::certificatesReloadable)
                    .map(server -> (CertificateReloader.Reloadable) server::reloadSSLCertificate),
                Stream.of(() -> api.reloadCertificate(certificate)))
            .toList();
    }
}
