package dev.revenant.client;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background monitor that brings dead letters back: it probes the downstream on an interval
 * and, while the probe passes and the dead-letter queue holds messages, moves them back to the
 * work queue at a bounded rate; a message replayed {@code maxReplays} times goes to the parking
 * lot instead. The probe keeps running during a replay, which stops before the next message once
 * it fails. Each move is confirmed before the original is acked, so a crash loses nothing.
 * Build with {@link #builder(String)}.
 */
public final class DeadLetterReplayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);

    private final ReplayerSettings settings;
    private final ScheduledExecutorService prober;
    private final ExecutorService mover;
    private final Counter replayedCounter;
    private final Counter parkedCounter;
    private Connection connection;
    private ReplayStrategy strategy;
    private Channel topologyChannel;
    private volatile boolean healthy;
    private volatile boolean replaying;
    private volatile boolean closed;
    private volatile long depth = -1;
    private volatile long replayed;
    private volatile long parked;
    private volatile String lastError;
    private volatile ReplayProgress progress;

    DeadLetterReplayer(ReplayerSettings settings) {
        this.settings = settings;
        this.prober = Executors.newSingleThreadScheduledExecutor(daemon("revenant-replayer-probe-" + settings.name()));
        this.mover = Executors.newSingleThreadExecutor(daemon("revenant-replayer-" + settings.name()));
        Tags tags = Tags.of("replayer", settings.name(), "queue", settings.deadLetterQueue());
        replayedCounter = Counter.builder("revenant.replayer.replayed").tags(tags).register(settings.meterRegistry());
        parkedCounter = Counter.builder("revenant.replayer.parked").tags(tags).register(settings.meterRegistry());
        progress = new ReplayProgress(ReplayProgress.State.STARTING, false, -1, 0, 0, null, Instant.now());
    }

    /** Starts describing a replayer named {@code name} (used in logs, metrics and threads). */
    public static DeadLetterReplayerBuilder builder(String name) {
        return new DeadLetterReplayerBuilder(name);
    }

    /**
     * Connects (with automatic recovery), checks that the dead-letter and work queues exist,
     * declares the parking lot, and starts probing.
     */
    public synchronized DeadLetterReplayer start() throws IOException {
        if (connection != null || closed) {
            throw new IllegalStateException("replayer '" + settings.name() + "' was already started");
        }
        ConnectionFactory factory = settings.connectionFactory().clone();
        factory.setAutomaticRecoveryEnabled(true);
        try {
            connection = factory.newConnection("revenant-replayer-" + settings.name());
        } catch (TimeoutException e) {
            throw new IOException("timed out connecting replayer '" + settings.name() + "'", e);
        }
        try {
            requireQueue(settings.deadLetterQueue(), "dead-letter queue");
            requireQueue(settings.workQueue(), "work queue");
            // Kept open so that automatic recovery can re-declare the parking lot on a new connection.
            topologyChannel = connection.createChannel();
            topologyChannel.queueDeclare(settings.parkingLotQueue(), true, false, false, null);
        } catch (IOException | RuntimeException e) {
            closeConnection();
            throw e;
        }
        strategy = new ConfirmedCopyReplay(connection, settings, rateLimiter());
        prober.scheduleWithFixedDelay(this::probe, 0, settings.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void requireQueue(String queue, String what) throws IOException {
        Channel channel = connection.createChannel();
        try {
            channel.queueDeclarePassive(queue);
        } catch (IOException e) {
            throw new IOException("the " + what + " '" + queue + "' does not exist: declare the topology first "
                    + "(QueueTopology.declare) or fix the name", e);
        } finally {
            TopologyDeclaration.closeQuietly(channel);
        }
    }

    /** The latest progress snapshot. */
    public ReplayProgress progress() {
        return progress;
    }

    /** One probe tick. Never throws: an exception would silently end the schedule. */
    private void probe() {
        try {
            tick();
        } catch (RuntimeException e) {
            lastError = "probe tick failed: " + e;
            LOG.warn("Replayer '{}': {}", settings.name(), lastError, e);
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        healthy = settings.healthProbe().check();
        try {
            depth = countReady();
            lastError = null;
        } catch (IOException | RuntimeException e) {
            depth = -1;
            lastError = "could not count '" + settings.deadLetterQueue() + "': " + e.getMessage();
        }
        report();
        if (healthy && depth > 0 && !replaying && !closed) {
            replaying = true;
            long limit = depth;
            mover.execute(() -> replay(limit));
            report();
        }
    }

    private long countReady() throws IOException {
        Channel channel = connection.createChannel();
        if (channel == null) {
            throw new IOException("the connection has no free channel");
        }
        try {
            return channel.queueDeclarePassive(settings.deadLetterQueue()).getMessageCount();
        } finally {
            TopologyDeclaration.closeQuietly(channel);
        }
    }

    /** Replays the messages that were there when the run began, never the ones it re-dead-lettered since. */
    private void replay(long limit) {
        LOG.info("Replayer '{}': downstream healthy, replaying up to {} message(s) from '{}' to '{}'",
                settings.name(), limit, settings.deadLetterQueue(), settings.workQueue());
        try {
            strategy.replay(limit, () -> healthy && !closed, parkedOne -> {
                if (parkedOne) {
                    parked++;
                    parkedCounter.increment();
                } else {
                    replayed++;
                    replayedCounter.increment();
                }
                report();
            });
            if (!healthy && !closed) {
                LOG.info("Replayer '{}': downstream unhealthy again, replay stopped ({} replayed, {} parked so far)",
                        settings.name(), replayed, parked);
            }
        } catch (IOException | RuntimeException e) {
            lastError = "replay stopped: " + e.getMessage();
            LOG.warn("Replayer '{}': {}", settings.name(), lastError);
        } finally {
            replaying = false;
            report();
        }
    }

    private void report() {
        ReplayProgress.State state;
        if (closed) {
            state = ReplayProgress.State.STOPPED;
        } else if (replaying) {
            state = ReplayProgress.State.REPLAYING;
        } else if (!healthy) {
            state = ReplayProgress.State.WAITING_FOR_HEALTH;
        } else {
            state = ReplayProgress.State.IDLE;
        }
        ReplayProgress next = new ReplayProgress(state, healthy, depth, replayed, parked, lastError, Instant.now());
        progress = next;
        ReplayListener listener = settings.listener();
        if (listener != null) {
            try {
                listener.onProgress(next);
            } catch (RuntimeException e) {
                LOG.warn("Replayer '{}': progress listener threw", settings.name(), e);
            }
        }
    }

    private RateLimiter rateLimiter() {
        Duration period = Duration.ofNanos(1_000_000_000L / settings.ratePerSecond());
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(period)
                .timeoutDuration(period.multipliedBy(2).plusMillis(100))
                .build();
        return RateLimiter.of("revenant-replayer-" + settings.name(), config);
    }

    /** Stops probing, lets the message being moved finish (its copy is confirmed), then disconnects. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        prober.shutdownNow();
        mover.shutdown();
        try {
            if (!mover.awaitTermination(settings.publishTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("Replayer '{}': the current move did not finish; the broker requeues it", settings.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (strategy != null) {
            strategy.close();
        }
        closeConnection();
        report();
    }

    private void closeConnection() {
        if (topologyChannel != null) {
            TopologyDeclaration.closeQuietly(topologyChannel);
        }
        if (connection != null) {
            try {
                connection.close(5_000);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Replayer '{}': connection already closed", settings.name(), e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
