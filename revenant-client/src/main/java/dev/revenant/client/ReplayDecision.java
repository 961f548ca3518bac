package dev.revenant.client;

import com.rabbitmq.client.AMQP;
import java.util.List;
import java.util.Map;

/**
 * Where one dead-lettered message goes on replay, as a pure function of its headers: back to the
 * work queue with its replay count raised and its attempt counts cleared (a fresh round of
 * retries), or, once it has been replayed {@code maxReplays} times, to the parking lot unchanged.
 *
 * @param park whether it goes to the parking lot
 * @param properties the properties to publish the copy with
 */
record ReplayDecision(boolean park, AMQP.BasicProperties properties) {
    private static final List<String> CLEARED = List.of(MessageHeaders.ATTEMPTS, MessageHeaders.BROKER_RETRY_COUNT);

    static ReplayDecision decide(AMQP.BasicProperties properties, int maxReplays) {
        AMQP.BasicProperties original = properties == null ? new AMQP.BasicProperties() : properties;
        int replays = MessageHeaders.count(original.getHeaders(), MessageHeaders.REPLAY_COUNT);
        if (replays >= maxReplays) {
            return new ReplayDecision(true, original);
        }
        return new ReplayDecision(false,
                MessageHeaders.withHeaders(original, Map.of(MessageHeaders.REPLAY_COUNT, replays + 1), CLEARED));
    }
}
