package dev.revenant.client;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes a work queue with a plain {@link MessageHandler} and does all the acknowledging:
 * success acks; a transient failure is retried after the topology's delays; a permanent failure,
 * or one past the last retry, is dead-lettered with the failure recorded on it; with a circuit
 * breaker, an outage pauses consumption instead. A copy (retry or dead-letter) is always confirmed
 * by the broker before the original is acked, and {@link #close()} lets in-flight messages finish
 * and returns the rest to the queue, so no message is lost. Build with {@link #builder(String)}.
 */
public final class ResilientConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientConsumer.class);

    private final ConsumerSettings settings;
    private final Object lifecycle = new Object();
    private ConsumerState lifecycleState = ConsumerState.NEW;
    private ExecutorService dispatch;
    private Connection connection;
    private ConsumptionBreaker breaker;
    private DeliveryProcessor processor;
    private final List<ConsumerWorker> workers = new ArrayList<>();
    private RetryMode retryMode;
    private Channel topologyChannel;

    ResilientConsumer(ConsumerSettings settings) {
        this.settings = settings;
    }

    /** Starts describing a consumer named {@code name} (used in logs, metrics and failure headers). */
    public static ResilientConsumerBuilder builder(String name) {
        return new ResilientConsumerBuilder(name);
    }

    /**
     * Connects (with automatic recovery), declares the topology unless told not to, and starts
     * every worker. Fails with {@link TopologyMismatchException} if the queue exists with other
     * arguments.
     */
    public ResilientConsumer start() throws IOException {
        synchronized (lifecycle) {
            if (lifecycleState != ConsumerState.NEW) {
                throw new IllegalStateException("consumer '" + settings.name() + "' was already started");
            }
            try {
                open();
            } catch (IOException | RuntimeException e) {
                lifecycleState = ConsumerState.STOPPED;  // half-opened: build a new consumer to try again
                shutdownQuietly();
                throw e;
            }
            lifecycleState = ConsumerState.RUNNING;
        }
        return this;
    }

    private void open() throws IOException {
        ConnectionFactory factory = settings.connectionFactory().clone();
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        AtomicInteger threads = new AtomicInteger();
        dispatch = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "revenant-consumer-" + settings.name() + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            connection = factory.newConnection(dispatch, "revenant-consumer-" + settings.name());
        } catch (TimeoutException e) {
            throw new IOException("timed out connecting consumer '" + settings.name() + "'", e);
        }
        QueueTopology topology = settings.topology();
        retryMode = topology.retryMode().resolve(connection.getServerProperties());
        if (settings.declareTopology()) {
            // Kept open so that automatic recovery can re-declare the topology on a new connection.
            topologyChannel = connection.createChannel();
            TopologyDeclaration.declare(topologyChannel, topology, retryMode);
        }
        breaker = settings.circuitBreaker() == null
                ? ConsumptionBreaker.none() : ConsumptionBreaker.of(settings.name(), settings.circuitBreaker());
        ConsumerMetrics metrics = new ConsumerMetrics(settings.meterRegistry(), settings.name(), topology.queue());
        processor = new DeliveryProcessor(settings, RetryStrategy.of(retryMode, topology), breaker, metrics,
                Clock.systemUTC());
        for (int i = 0; i < settings.concurrency(); i++) {
            workers.add(new ConsumerWorker(connection, settings.name() + "-" + (i + 1), topology.queue(),
                    settings.prefetch(), settings.handlers().get(i), processor, settings.publishTimeout()));
        }
        breaker.attach(workers.size(), this::setActiveWorkers);
        LOG.info("Consumer '{}' consuming '{}' with {} worker(s), prefetch {}, retry mode {}", settings.name(),
                topology.queue(), workers.size(), settings.prefetch(), retryMode);
    }

    /** Workers [0, active) consume, the others do not. Called by the breaker (0, 1 or all). */
    private void setActiveWorkers(int active) {
        synchronized (lifecycle) {
            if (lifecycleState == ConsumerState.STOPPED) {
                return;
            }
            for (int i = 0; i < workers.size(); i++) {
                if (i < active) {
                    workers.get(i).start();
                } else {
                    workers.get(i).stop();
                }
            }
        }
    }

    /** The consumer's name. */
    public String name() {
        return settings.name();
    }

    /** The retry mode in force (resolved against the broker), or null before {@link #start()}. */
    public RetryMode retryMode() {
        synchronized (lifecycle) {
            return retryMode;
        }
    }

    /** Where the consumer is: new, running, paused or on trial by its breaker, or stopped. */
    public ConsumerState state() {
        synchronized (lifecycle) {
            if (lifecycleState != ConsumerState.RUNNING) {
                return lifecycleState;
            }
            return breaker.state();
        }
    }

    /** {@link #close(Duration)} with the configured shutdown timeout. */
    @Override
    public void close() {
        close(settings.shutdownTimeout());
    }

    /**
     * Graceful shutdown: stops taking messages, lets the handlers of in-flight messages finish (up
     * to {@code timeout}), returns messages already prefetched to the queue, then closes the
     * connection. Anything still unacked when the timeout ends is requeued by the broker as the
     * connection closes, so nothing is lost either way. Calling it again does nothing.
     */
    public void close(Duration timeout) {
        synchronized (lifecycle) {
            if (lifecycleState == ConsumerState.STOPPED) {
                return;
            }
            lifecycleState = ConsumerState.STOPPED;
        }
        if (processor != null) {
            processor.stop();
        }
        if (breaker != null) {
            breaker.close();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean drained = true;
        try {
            for (ConsumerWorker worker : workers) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                drained &= worker.stopAndAwait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            LOG.warn("Consumer '{}': handlers still running after {}; closing anyway (the broker requeues their messages)",
                    settings.name(), timeout);
        }
        shutdownQuietly();
        LOG.info("Consumer '{}' stopped", settings.name());
    }

    private void shutdownQuietly() {
        workers.forEach(ConsumerWorker::close);
        if (topologyChannel != null) {
            TopologyDeclaration.closeQuietly(topologyChannel);
        }
        if (connection != null) {
            try {
                connection.close(5_000);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Consumer '{}': connection already closed", settings.name(), e);
            }
        }
        if (breaker != null) {
            breaker.close();
        }
        if (dispatch != null) {
            dispatch.shutdown();
        }
    }
}
