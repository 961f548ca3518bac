package dev.revenant.client;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * How a consumer makes a failed message come back after a delay, chosen once per connection by
 * {@link RetryMode#resolve}: the only place where the two retry mechanisms differ.
 */
interface RetryStrategy {
    /** Attempts already made before this delivery, as recorded on the message. */
    int attemptsMade(Map<String, Object> headers);

    /** Makes {@code message}, whose attempt {@code attempt} failed, come back after its delay; settles it. */
    void retry(InFlightMessage message, int attempt, ConfirmedPublisher publisher) throws IOException;

    static RetryStrategy of(RetryMode mode, QueueTopology topology) {
        return switch (mode) {
            case BROKER_NATIVE -> new BrokerNative();
            case TTL_QUEUES -> new TtlQueues(topology);
            case AUTO -> throw new IllegalArgumentException("resolve RetryMode.AUTO against a connection first");
        };
    }

    /** Revenant's {@code x-retry-delays}: reject without requeue, the broker does the waiting. */
    final class BrokerNative implements RetryStrategy {
        @Override
        public int attemptsMade(Map<String, Object> headers) {
            // After a replay the toolkit's count is gone and the broker's starts again.
            return MessageHeaders.count(headers, MessageHeaders.BROKER_RETRY_COUNT);
        }

        @Override
        public void retry(InFlightMessage message, int attempt, ConfirmedPublisher publisher) {
            message.reject();
        }
    }

    /**
     * The classic recipe: republish (confirmed) to the TTL queue of this attempt's delay, whose
     * expired messages are dead-lettered back into the work queue; then ack the original.
     */
    final class TtlQueues implements RetryStrategy {
        private final QueueTopology topology;

        TtlQueues(QueueTopology topology) {
            this.topology = topology;
        }

        @Override
        public int attemptsMade(Map<String, Object> headers) {
            return MessageHeaders.count(headers, MessageHeaders.ATTEMPTS);
        }

        @Override
        public void retry(InFlightMessage message, int attempt, ConfirmedPublisher publisher) throws IOException {
            String delayQueue = topology.retryQueueName(topology.retryDelays().get(attempt - 1));
            publisher.publish("", delayQueue,
                    MessageHeaders.withHeaders(message.properties, Map.of(MessageHeaders.ATTEMPTS, attempt), List.of()),
                    message.body);
            message.ack();
        }
    }
}
