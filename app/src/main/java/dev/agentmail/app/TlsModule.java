package dev.agentmail.app;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.agentmail.james.PlaintextAuthRule;
import dev.agentmail.tls.CertificateFiles;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import java.util.List;

/** The server certificate, the plaintext-login rule, and certificate reloads on every TLS listener. */
final class TlsModule extends AbstractModule {
    private final TlsSettings settings;
    private final CertificateFiles certificate;

    TlsModule(TlsSettings settings, CertificateFiles certificate) {
        this.settings = settings;
        this.certificate = certificate;
    }

    @Override
    protected void configure() {
        bind(TlsSettings.class).toInstance(settings);
        bind(CertificateFiles.class).toInstance(certificate);
        bind(PlaintextAuthRule.class).toInstance(PlaintextAuthRule.of(settings.allowPlaintextAuth()));
        bind(TlsListeners.class).in(Scopes.SINGLETON);
        bind(CertificateReloading.class).in(Scopes.SINGLETON);
    }

    /** Reloads start last, once every listener is up. */
    @ProvidesIntoSet
    InitializationOperation startCertificateReloads(CertificateReloading reloading) {
        return InitilizationOperationBuilder.forClass(CertificateReloading.class).init(reloading::start)
            .requires(List.of(WebhookDispatch.class));
    }
}
