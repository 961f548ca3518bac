package dev.revenant.client;

import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes a {@link DeadLetterReplayer}. Setters only record; {@link #build()} checks everything
 * at once and fails with one {@link IllegalArgumentException} listing each problem.
 */
public final class DeadLetterReplayerBuilder {
    private static final int MAX_RATE = 10_000;

    private final String name;
    private ConnectionFactory connectionFactory;
    private String deadLetterQueue;
    private String workQueue;
    private String parkingLotQueue;
    private HealthProbe healthProbe;
    private Duration probeInterval = Duration.ofSeconds(10);
    private int ratePerSecond = 10;
    private int maxReplays = 3;
    private ReplayListener listener;
    private MeterRegistry meterRegistry = Metrics.globalRegistry;
    private Duration publishTimeout = Duration.ofSeconds(10);

    DeadLetterReplayerBuilder(String name) {
        this.name = name;
    }

    /** Where to connect; the replayer uses a copy with automatic recovery turned on. */
    public DeadLetterReplayerBuilder connectionFactory(ConnectionFactory factory) {
        this.connectionFactory = factory;
        return this;
    }

    /** Takes the dead-letter, work and parking-lot queue names from {@code topology}. */
    public DeadLetterReplayerBuilder topology(QueueTopology topology) {
        this.deadLetterQueue = topology.deadLetterQueue();
        this.workQueue = topology.queue();
        this.parkingLotQueue = topology.parkingLotQueue();
        return this;
    }

    /** The queue to drain. */
    public DeadLetterReplayerBuilder deadLetterQueue(String queue) {
        this.deadLetterQueue = queue;
        return this;
    }

    /** The queue replayed messages go back to. */
    public DeadLetterReplayerBuilder workQueue(String queue) {
        this.workQueue = queue;
        return this;
    }

    /** The queue for messages replayed {@code maxReplays} times already (declared if missing). */
    public DeadLetterReplayerBuilder parkingLotQueue(String queue) {
        this.parkingLotQueue = queue;
        return this;
    }

    /**
     * The downstream health check gating every replay: {@code HealthProbe.http(uri, timeout)},
     * {@code HealthProbe.of(supplier)} or a lambda.
     */
    public DeadLetterReplayerBuilder healthProbe(HealthProbe probe) {
        this.healthProbe = probe;
        return this;
    }

    /** How often the probe runs, during replays too (default 10 s). */
    public DeadLetterReplayerBuilder probeInterval(Duration interval) {
        this.probeInterval = interval;
        return this;
    }

    /** The most messages moved per second (default 10). */
    public DeadLetterReplayerBuilder ratePerSecond(int messages) {
        this.ratePerSecond = messages;
        return this;
    }

    /** How many times one message may be replayed before it is parked (default 3). */
    public DeadLetterReplayerBuilder maxReplays(int times) {
        this.maxReplays = times;
        return this;
    }

    /** Receives progress after every probe and every message moved. */
    public DeadLetterReplayerBuilder listener(ReplayListener progressListener) {
        this.listener = progressListener;
        return this;
    }

    /** Where to register meters (default: Micrometer's global registry). */
    public DeadLetterReplayerBuilder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = registry;
        return this;
    }

    /** How long to wait for the broker to confirm each copy (default 10 s). */
    public DeadLetterReplayerBuilder publishTimeout(Duration timeout) {
        this.publishTimeout = timeout;
        return this;
    }

    /** Checks the whole configuration and returns an unstarted replayer. */
    public DeadLetterReplayer build() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("replayer name is empty: give one, e.g. DeadLetterReplayer.builder(\"orders-replayer\")");
        }
        if (connectionFactory == null) {
            problems.add("connection factory is missing: call connectionFactory(...)");
        }
        requireName(problems, "dead-letter queue", deadLetterQueue, "deadLetterQueue(...) or topology(...)");
        requireName(problems, "work queue", workQueue, "workQueue(...) or topology(...)");
        requireName(problems, "parking-lot queue", parkingLotQueue, "parkingLotQueue(...) or topology(...)");
        if (deadLetterQueue != null && (deadLetterQueue.equals(workQueue) || deadLetterQueue.equals(parkingLotQueue))) {
            problems.add("the dead-letter queue must differ from the work and parking-lot queues");
        }
        if (healthProbe == null) {
            problems.add("health probe is missing: call healthProbe(HealthProbe.http(uri, timeout)) or healthProbe(() -> ...)");
        }
        if (probeInterval == null || probeInterval.toMillis() < 10) {
            problems.add("probe interval is " + probeInterval + ": give at least 10 ms, e.g. Duration.ofSeconds(10)");
        }
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE) {
            problems.add("rate is " + ratePerSecond + " messages/s: give between 1 and " + MAX_RATE);
        }
        if (maxReplays < 1) {
            problems.add("max replays is " + maxReplays + ": give at least 1 (messages replayed that often are parked)");
        }
        if (meterRegistry == null) {
            problems.add("meter registry is null: omit meterRegistry(...) to use Micrometer's global registry");
        }
        if (publishTimeout == null || publishTimeout.isNegative() || publishTimeout.isZero()) {
            problems.add("publish timeout is " + publishTimeout + ": give a positive duration");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("DeadLetterReplayer '" + name + "' is misconfigured:\n - "
                    + String.join("\n - ", problems));
        }
        return new DeadLetterReplayer(new ReplayerSettings(name, connectionFactory, deadLetterQueue, workQueue,
                parkingLotQueue, healthProbe, probeInterval, ratePerSecond, maxReplays, listener, meterRegistry,
                publishTimeout));
    }

    private static void requireName(List<String> problems, String what, String value, String how) {
        if (value == null || value.isBlank()) {
            problems.add(what + " is missing: call " + how);
        }
    }
}
