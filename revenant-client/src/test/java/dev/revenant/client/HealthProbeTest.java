package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void httpProbeIsHealthyExactlyOn2xx() {
        HealthProbe probe = HealthProbe.http(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health"),
                Duration.ofSeconds(5));
        assertThat(probe.check()).isTrue();
        status.set(204);
        assertThat(probe.check()).isTrue();
        status.set(503);
        assertThat(probe.check()).isFalse();
        status.set(302);
        assertThat(probe.check()).isFalse();
    }

    @Test
    void unreachableEndpointIsUnhealthy() {
        int port = server.getAddress().getPort();
        server.stop(0);
        assertThat(HealthProbe.http(URI.create("http://127.0.0.1:" + port + "/health"), Duration.ofSeconds(2)).check())
                .isFalse();
    }

    @Test
    void throwingOrNullAnsweringProbesAreUnhealthy() {
        assertThat(((HealthProbe) () -> { throw new IllegalStateException("boom"); }).check()).isFalse();
        assertThat(HealthProbe.of(() -> null).check()).isFalse();
        assertThat(HealthProbe.of(() -> true).check()).isTrue();
    }

    @Test
    void badUrlOrTimeoutIsRefused() {
        assertThatThrownBy(() -> HealthProbe.http(URI.create("ftp://x/"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> HealthProbe.http(URI.create("http://x/"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
