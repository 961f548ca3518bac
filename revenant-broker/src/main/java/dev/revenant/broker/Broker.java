package dev.revenant.broker;

import dev.revenant.broker.alarm.ResourceAlarms;
import dev.revenant.broker.auth.Authenticator;
import dev.revenant.broker.server.AmqpServer;
import dev.revenant.broker.server.ServerContext;
import dev.revenant.broker.vhost.VirtualHost;
import dev.revenant.store.DefinitionStore;
import dev.revenant.store.MessageStore;
import dev.revenant.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running broker: listening on its AMQP port from the moment {@link #start} returns until
 * {@link #close}. Safe to embed in tests (port 0, temporary data directory).
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final ServerContext context;
    private final ExecutorService queuePool;
    private final ScheduledExecutorService timer;
    private final AmqpServer server;
    private final MessageStore store;
    private final DefinitionStore definitions;
    private final ResourceAlarms alarms;
    private final int amqpPort;
    private volatile boolean closed;

    private Broker(BrokerConfig config) throws InterruptedException {
        this.config = config;
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        this.queuePool = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "revenant-timer");
            t.setDaemon(true);
            return t;
        });
        this.store = MessageStore.open(config.dataDir().resolve("messages"), StoreOptions.defaults());
        this.definitions = DefinitionStore.open(config.dataDir().resolve("definitions"));
        this.context = new ServerContext(config, new Authenticator(config.users(), config.loopbackOnlyGuest()));
        VirtualHost root = new VirtualHost("/", queuePool, timer, store, definitions);
        context.addVirtualHost(root);
        long started = System.nanoTime();
        root.recover().join();
        LOG.info("recovered {} queues in {} ms", root.queues().size(), (System.nanoTime() - started) / 1_000_000);
        this.alarms = new ResourceAlarms(config.dataDir(), config.memoryHighWatermark(), config.diskFreeLimitBytes());
        context.alarms(alarms);
        alarms.start(timer);
        this.server = new AmqpServer(context);
        this.amqpPort = server.bind(config.host(), config.amqpPort());
        LOG.info("Revenant listening for AMQP on {}:{}", config.host(), amqpPort);
    }

    /** Starts a broker with the given settings; returns once it accepts connections. */
    public static Broker start(BrokerConfig config) {
        try {
            return new Broker(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the broker", e);
        }
    }

    /** The AMQP port actually bound (useful when the configured port was 0). */
    public int amqpPort() {
        return amqpPort;
    }

    public BrokerConfig config() {
        return config;
    }

    /** The memory and disk alarms (thresholds can be changed at run time, as with rabbitmqctl). */
    public ResourceAlarms alarms() {
        return alarms;
    }

    /** The virtual host of that name, or null; its queues and exchanges are the broker's Java API. */
    public VirtualHost virtualHost(String name) {
        return context.virtualHost(name);
    }

    /** Every virtual host. */
    public java.util.Collection<VirtualHost> virtualHosts() {
        return context.virtualHosts();
    }

    /** Open client connections (for management: list, close). */
    public java.util.Collection<dev.revenant.broker.server.AmqpConnection> connections() {
        return context.connections();
    }

    /** Stops accepting connections, closes the open ones and stops every thread. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        alarms.close();
        server.close();
        timer.shutdownNow();
        queuePool.shutdown();
        try {
            queuePool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        definitions.close();
        LOG.info("Revenant stopped");
    }
}
