package dev.agentmail.http;

import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.error.PayloadTooLargeException;
import dev.agentmail.domain.port.AttachmentFetcher;
import dev.agentmail.domain.service.PlatformSettings;
import dev.agentmail.domain.service.TargetGuard;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedHttpFetcherTest {
    private HttpServer local;
    private String base;

    @BeforeEach
    void startLocalServer() throws Exception {
        local = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        local.createContext("/file.pdf", exchange -> {
            byte[] body = {1, 2, 3, 4};
            exchange.getResponseHeaders().add("Content-Type", "application/pdf; name=file.pdf");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        local.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        local.start();
        base = "http://127.0.0.1:" + local.getAddress().getPort();
    }

    @AfterEach
    void stopLocalServer() {
        local.stop(0);
    }

    private static GuardedHttpFetcher fetcher(boolean allowPrivateTargets) {
        return new GuardedHttpFetcher(new TargetGuard(new PlatformSettings("agentmail.test", 1, 1, 1024, allowPrivateTargets)));
    }

    @Test
    void internalTargetsAreRefusedByDefault() {
        assertThatThrownBy(() -> fetcher(false).fetch("attachments.url", URI.create(base + "/file.pdf"), 1024))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("internal");
        assertThatThrownBy(() -> fetcher(false).fetch("attachments.url", URI.create("http://169.254.169.254/latest/"), 1024))
            .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        assertThatThrownBy(() -> fetcher(true).fetch("attachments.url", URI.create("file:///etc/passwd"), 1024))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> fetcher(true).fetch("attachments.url", URI.create("ftp://example.com/x"), 1024))
            .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void allowedTargetsAreFetchedWithTheirType() {
        AttachmentFetcher.Fetched fetched = fetcher(true).fetch("attachments.url", URI.create(base + "/file.pdf"), 1024);

        assertThat(fetched.content()).containsExactly(1, 2, 3, 4);
        assertThat(fetched.contentType()).contains("application/pdf");
    }

    @Test
    void redirectsAreNotFollowedAndTheSizeIsCapped() {
        assertThatThrownBy(() -> fetcher(true).fetch("attachments.url", URI.create(base + "/redirect"), 1024))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("redirects");
        assertThatThrownBy(() -> fetcher(true).fetch("attachments.url", URI.create(base + "/file.pdf"), 3))
            .isInstanceOf(PayloadTooLargeException.class);
    }
}
