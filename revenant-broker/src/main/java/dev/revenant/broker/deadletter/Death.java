package dev.revenant.broker.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One dead-lettering event, as {@link XDeath#record} writes it into the message's headers.
 *
 * @param queue              the queue the message is dead-lettered from
 * @param reason             why
 * @param exchange           the exchange the message was last published to ("" for the default)
 * @param routingKeys        the keys it was last published with: its routing key then its CC keys, never BCC
 * @param time               when; written with second precision
 * @param originalExpiration the message's {@code expiration} property, or null when it had none
 */
public record Death(String queue, DeadLetterReason reason, String exchange, List<String> routingKeys, Instant time,
        String originalExpiration) {

    public Death {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(exchange, "exchange");
        routingKeys = List.copyOf(routingKeys);
        Objects.requireNonNull(time, "time");
    }
}
