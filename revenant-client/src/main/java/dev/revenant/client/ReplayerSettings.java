package dev.revenant.client;

import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/** A validated {@link DeadLetterReplayer} configuration (see its builder for each field's meaning). */
record ReplayerSettings(
        String name,
        ConnectionFactory connectionFactory,
        String deadLetterQueue,
        String workQueue,
        String parkingLotQueue,
        HealthProbe healthProbe,
        Duration probeInterval,
        int ratePerSecond,
        int maxReplays,
        ReplayListener listener,
        MeterRegistry meterRegistry,
        Duration publishTimeout) {
}
