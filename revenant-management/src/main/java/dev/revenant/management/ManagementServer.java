package dev.revenant.management;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.revenant.broker.Broker;
import dev.revenant.broker.redrive.MoveTasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management HTTP API of one broker, listening from {@link #start} until {@link #close}: the
 * JDK's HTTP server, a few worker threads (handlers wait for queue executors, never the other way
 * round), Basic authentication with the broker's users, and the broker's move tasks, which live
 * as long as this server. Embed it next to a broker:
 * <pre>{@code
 * ManagementServer http = ManagementServer.start(broker, "127.0.0.1", 0);
 * int port = http.port();
 * }</pre>
 */
public final class ManagementServer implements AutoCloseable {
    /** Version reported in {@code /api/overview}. */
    static final String VERSION = "0.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private static final int WORKERS = 4;

    private final HttpServer server;
    private final ExecutorService workers;
    private final MoveTasks moves;
    private final int port;

    private ManagementServer(Broker broker, String host, int requestedPort) throws IOException {
        this.moves = new MoveTasks(broker::virtualHost);
        this.server = HttpServer.create(new InetSocketAddress(host, requestedPort), 64);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "revenant-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.port = server.getAddress().getPort();
        BrokerCalls calls = new BrokerCalls(broker);
        Routes routes = new Routes();
        new OverviewResource(calls, () -> port).register(routes);
        new QueueResource(calls).register(routes);
        new PolicyResource(calls).register(routes);
        new MessageResource(calls).register(routes);
        new MoveResource(calls, moves).register(routes);
        server.createContext("/", new ApiHandler(routes, new BasicAuthentication(broker.config()),
                new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)));
        server.setExecutor(workers);
        server.start();
        LOG.info("Revenant management API listening on http://{}:{}/api/", host, port);
    }

    /**
     * Starts the API for {@code broker} on {@code host} and {@code port} (0 picks a free port).
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static ManagementServer start(Broker broker, String host, int port) {
        try {
            return new ManagementServer(broker, host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port actually bound. */
    public int port() {
        return port;
    }

    /** The move tasks started through this API (for embedding and tests). */
    public MoveTasks moves() {
        return moves;
    }

    /** Stops listening, cancels running move tasks (messages in flight keep their copies). Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        moves.close();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
