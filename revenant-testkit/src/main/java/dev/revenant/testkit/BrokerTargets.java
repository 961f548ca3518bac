package dev.revenant.testkit;

import dev.revenant.broker.Broker;
import dev.revenant.broker.BrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The brokers a compatibility test runs against: one embedded Revenant per JVM (started on first
 * use on a free port with a temporary data directory) and, when {@code rabbitmq.port} (system
 * property) or {@code RABBITMQ_TEST_PORT} (environment) names one, a RabbitMQ node on loopback.
 * Under CI ({@code CI=true}) a missing RabbitMQ is an error, never a silent skip. The system
 * property {@code revenant.targets} (comma-separated target names, default all) narrows the set,
 * e.g. {@code -Drevenant.targets=rabbitmq}; naming a target that is not available is an error.
 */
public final class BrokerTargets {
    private static Broker sharedBroker;
    private static boolean warned;

    private BrokerTargets() {
    }

    /** The known target names, in the order {@link #all()} returns them. */
    public static final List<String> NAMES = List.of("revenant", "rabbitmq");

    /**
     * Every selected target: Revenant unless {@code revenant.targets} leaves it out, RabbitMQ when
     * configured (and required when {@code revenant.targets} names it).
     */
    public static Stream<BrokerTarget> all() {
        Set<String> selected = selectedNames(System.getProperty("revenant.targets"));
        List<BrokerTarget> targets = new ArrayList<>();
        if (selected.contains("revenant")) {
            targets.add(revenant());
        }
        if (selected.contains("rabbitmq")) {
            Optional<BrokerTarget> rabbit = rabbitMq();
            if (rabbit.isEmpty() && System.getProperty("revenant.targets") != null) {
                throw new IllegalStateException("revenant.targets names rabbitmq but no RabbitMQ is configured: "
                        + "pass -Drabbitmq.port=<port> (or set RABBITMQ_TEST_PORT)");
            }
            rabbit.ifPresent(targets::add);
        }
        return targets.stream();
    }

    /** Parses the {@code revenant.targets} value: null or blank means every known target. */
    static Set<String> selectedNames(String property) {
        if (property == null || property.isBlank()) {
            return new LinkedHashSet<>(NAMES);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : property.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("revenant.targets names unknown target '" + name
                        + "'; known targets: " + String.join(", ", NAMES));
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("revenant.targets is '" + property + "' but names no target; known targets: "
                    + String.join(", ", NAMES));
        }
        return names;
    }

    /** The shared embedded Revenant broker of this JVM. */
    public static synchronized BrokerTarget revenant() {
        if (sharedBroker == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("revenant-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Broker broker = Broker.start(BrokerConfig.builder().host("127.0.0.1").amqpPort(0).dataDir(dir).build());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "revenant-test-broker-shutdown"));
            sharedBroker = broker;
        }
        return target("revenant", "127.0.0.1", sharedBroker.amqpPort(), true);
    }

    /** The RabbitMQ node named by configuration, if any. */
    public static synchronized Optional<BrokerTarget> rabbitMq() {
        String port = System.getProperty("rabbitmq.port");
        if (port == null || port.isBlank()) {
            port = System.getenv("RABBITMQ_TEST_PORT");
        }
        if (port == null || port.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but no RabbitMQ is configured: .ci/run must start one and pass -Drabbitmq.port");
            }
            if (!warned) {
                warned = true;
                System.err.println("[revenant-testkit] RabbitMQ tests skipped: no RabbitMQ configured "
                        + "(start one with .ci/rabbitmq start and pass -Drabbitmq.port=25672 or set RABBITMQ_TEST_PORT)");
            }
            return Optional.empty();
        }
        return Optional.of(target("rabbitmq", "127.0.0.1", Integer.parseInt(port.trim()), false));
    }

    private static BrokerTarget target(String name, String host, int port, boolean revenant) {
        return new BrokerTarget() {
            @Override public String name() { return name; }
            @Override public String host() { return host; }
            @Override public int port() { return port; }
            @Override public boolean isRevenant() { return revenant; }
            @Override public String toString() { return name; }
        };
    }
}
