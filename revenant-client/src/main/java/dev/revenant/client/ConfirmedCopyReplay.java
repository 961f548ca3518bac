package dev.revenant.client;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Replays by hand, one message at a time: get it from the dead-letter queue unacked, publish a
 * copy to the work queue (or the parking lot) and wait for the broker's confirm, then ack the
 * original. If the process dies at any point the original is still in the dead-letter queue
 * (requeued when the connection drops) or its confirmed copy is already in the work queue: at
 * most one message is duplicated, none is lost.
 */
final class ConfirmedCopyReplay implements ReplayStrategy {
    private final Connection connection;
    private final ReplayerSettings settings;
    private final RateLimiter rateLimiter;
    private final ConfirmedPublisher publisher;
    private Channel channel;

    ConfirmedCopyReplay(Connection connection, ReplayerSettings settings, RateLimiter rateLimiter) {
        this.connection = connection;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.publisher = new ConfirmedPublisher(connection, settings.publishTimeout());
    }

    @Override
    public void replay(long limit, BooleanSupplier mayContinue, Moved moved) throws IOException {
        for (long done = 0; done < limit; done++) {
            while (mayContinue.getAsBoolean() && !rateLimiter.acquirePermission()) {
                // Waited a whole timeout for a permit: look at mayContinue again and keep waiting.
            }
            if (!mayContinue.getAsBoolean()) {
                return;
            }
            Channel current = channel();
            GetResponse response = current.basicGet(settings.deadLetterQueue(), false);
            if (response == null) {
                return;
            }
            long tag = response.getEnvelope().getDeliveryTag();
            ReplayDecision decision = ReplayDecision.decide(response.getProps(), settings.maxReplays());
            String target = decision.park() ? settings.parkingLotQueue() : settings.workQueue();
            try {
                publisher.publish("", target, decision.properties(), response.getBody());
            } catch (IOException e) {
                requeue(current, tag);
                throw e;
            }
            current.basicAck(tag, false);
            moved.moved(decision.park());
        }
    }

    private static void requeue(Channel channel, long tag) {
        try {
            channel.basicNack(tag, false, true);
        } catch (IOException | ShutdownSignalException ignored) {
            // The channel is gone, and with it the delivery: the broker has requeued it already.
        }
    }

    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = connection.createChannel();
            if (channel == null) {
                throw new IOException("the connection has no free channel");
            }
        }
        return channel;
    }

    @Override
    public void close() {
        publisher.close();
        if (channel != null) {
            TopologyDeclaration.closeQuietly(channel);
        }
    }
}
