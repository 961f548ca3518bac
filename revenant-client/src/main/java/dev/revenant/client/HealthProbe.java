package dev.revenant.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Answers whether a downstream dependency is healthy right now. A probe that throws, or that does
 * not answer an HTTP check in time, counts as unhealthy: when in doubt, keep messages where they
 * are.
 */
@FunctionalInterface
public interface HealthProbe {
    /** Whether the downstream is healthy now. */
    boolean isHealthy() throws Exception;

    /** {@link #isHealthy()}, with any exception counted as unhealthy. */
    default boolean check() {
        try {
            return isHealthy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** A probe from any supplier; a null answer counts as unhealthy. */
    static HealthProbe of(Supplier<Boolean> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return () -> Boolean.TRUE.equals(supplier.get());
    }

    /** Healthy when a GET of {@code url} answers 2xx within {@code timeout}. */
    static HealthProbe http(URI url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health probe timeout must be positive, was " + timeout);
        }
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("health probe URL must be http or https, was " + url);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        return () -> {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        };
    }
}
