package dev.revenant.client.example;

import com.rabbitmq.client.ConnectionFactory;
import dev.revenant.client.DeadLetterReplayer;
import dev.revenant.client.HealthProbe;
import dev.revenant.client.QueueTopology;
import dev.revenant.client.ResilientConsumer;
import dev.revenant.client.idempotency.JdbcProcessedMessages;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * The complete example of docs/client.md, compiled and run by {@code FulfillmentServiceIT}: the
 * fulfillment service of the reference story, written against the public API only.
 */
public final class FulfillmentService implements AutoCloseable {
    /** Reserves and packs the box for an order; deduplicates on the order id. */
    public interface Warehouse {
        void reserveAndPack(String order, String orderId) throws IOException;
    }

    /** Books the pick-up; sends the order id as the Idempotency-Key header. */
    public interface Logistics {
        void bookPickUp(String order, String orderId) throws IOException;
    }

    private final ResilientConsumer consumer;
    private final DeadLetterReplayer replayer;

    public FulfillmentService(ConnectionFactory broker, DataSource database, MeterRegistry meters, String queue,
                              List<Duration> retryDelays, URI logisticsHealth, Duration probeInterval,
                              Warehouse warehouse, Logistics logistics) {
        // 1. The topology: work queue, its DLX and DLQ, a parking lot, retries with backoff.
        QueueTopology orders = QueueTopology.forQueue(queue).withRetryDelays(retryDelays);

        // 2. Idempotency: ids of orders already handled survive restarts and are shared by instances.
        JdbcProcessedMessages shipped = new JdbcProcessedMessages(database, "shipped_orders").createTableIfMissing();

        // 3. The consumer. The handler is a plain function; throwing means failure.
        consumer = ResilientConsumer.builder("fulfillment")
                .connectionFactory(broker)
                .topology(orders)
                .handler(message -> {
                    String orderId = message.messageId();   // the idempotency key, passed downstream too
                    String order = message.bodyAsString();
                    warehouse.reserveAndPack(order, orderId);
                    logistics.bookPickUp(order, orderId);
                })
                .transientFailures(IOException.class, HttpTimeoutException.class)  // anything else: DLQ at once
                .processedMessages(shipped)
                .concurrency(4)
                .prefetch(10)
                .meterRegistry(meters)
                .shutdownTimeout(Duration.ofSeconds(30))
                .build();

        // 4. The background monitor: replay the DLQ once the logistics API is healthy again.
        replayer = DeadLetterReplayer.builder("fulfillment-replayer")
                .connectionFactory(broker)
                .topology(orders)
                .healthProbe(HealthProbe.http(logisticsHealth, Duration.ofSeconds(2)))
                .probeInterval(probeInterval)
                .ratePerSecond(20)
                .maxReplays(3)                              // then the parking lot, for a human
                .listener(progress -> System.out.printf("replay %s: %d replayed, %d parked, DLQ %d%n",
                        progress.state(), progress.replayed(), progress.parked(), progress.deadLetterDepth()))
                .meterRegistry(meters)
                .build();
    }

    public void start() throws IOException {
        consumer.start();   // declares the topology, then consumes
        replayer.start();
    }

    @Override
    public void close() {
        replayer.close();
        consumer.close();   // finishes in-flight orders, returns prefetched ones to the queue
    }
}
