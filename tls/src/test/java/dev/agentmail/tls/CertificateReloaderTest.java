package dev.agentmail.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateReloaderTest {
    @TempDir
    Path dir;

    @Test
    void listenersReloadOnceWhenBothFilesAreReplacedByAValidPair() throws Exception {
        CertificateFiles live = ServerCertificates.choose(Optional.empty(), Optional.empty(), dir.resolve("live"), "a.test");
        CertificateFiles renewed = ServerCertificates.choose(Optional.empty(), Optional.empty(), dir.resolve("new"), "a.test");
        AtomicInteger reloads = new AtomicInteger();
        try (CertificateReloader reloader = CertificateReloader.start(live, List.of(reloads::incrementAndGet),
                Duration.ofHours(1))) {
            assertThat(reloader.checkNow()).isFalse();

            // Halfway through a renewal the key no longer matches the chain: keep serving the old pair.
            Files.copy(renewed.key(), live.key(), StandardCopyOption.REPLACE_EXISTING);
            assertThat(reloader.checkNow()).isFalse();
            assertThat(reloads).hasValue(0);

            Files.copy(renewed.chain(), live.chain(), StandardCopyOption.REPLACE_EXISTING);
            assertThat(reloader.checkNow()).isTrue();
            assertThat(reloader.checkNow()).isFalse();
            assertThat(reloads).hasValue(1);
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() throws Exception {
        CertificateFiles live = ServerCertificates.choose(Optional.empty(), Optional.empty(), dir.resolve("live"), "a.test");
        CertificateFiles renewed = ServerCertificates.choose(Optional.empty(), Optional.empty(), dir.resolve("new"), "a.test");
        AtomicInteger reloads = new AtomicInteger();
        try (CertificateReloader reloader = CertificateReloader.start(live, List.of(() -> {
                throw new IllegalStateException("listener down");
            }, reloads::incrementAndGet), Duration.ofHours(1))) {
            Files.copy(renewed.key(), live.key(), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.chain(), live.chain(), StandardCopyOption.REPLACE_EXISTING);
            assertThat(reloader.checkNow()).isTrue();
            assertThat(reloads).hasValue(1);
        }
    }
}
