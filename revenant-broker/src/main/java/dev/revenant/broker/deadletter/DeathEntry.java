package dev.revenant.broker.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One {@code x-death} entry as read back from a message, leniently: messages may come from
 * other brokers or from clients that edited their headers.
 *
 * @param queue              the queue dead-lettered from ("" when missing)
 * @param reason             the reason as written (may be one Revenant does not know)
 * @param count              how many times for this queue and reason (1 when missing)
 * @param exchange           the exchange of the first such death, if recorded
 * @param routingKeys        its routing keys (empty when missing)
 * @param time               its time, if recorded
 * @param originalExpiration the message's expiration before that death, if it had one
 */
public record DeathEntry(String queue, String reason, long count, Optional<String> exchange, List<String> routingKeys,
        Optional<Instant> time, Optional<String> originalExpiration) {

    public DeathEntry {
        routingKeys = List.copyOf(routingKeys);
    }

    /** The reason, when it is one of RabbitMQ's four. */
    public Optional<DeadLetterReason> knownReason() {
        return DeadLetterReason.fromWireName(reason);
    }
}
