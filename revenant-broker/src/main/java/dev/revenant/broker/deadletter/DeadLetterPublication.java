package dev.revenant.broker.deadletter;

import dev.revenant.broker.routing.SenderSelectedDistribution;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a dead-lettered message is republished, as RabbitMQ does it: to the queue's dead-letter
 * exchange, with the dead-letter routing key if the queue has one (then the CC header is dropped
 * too) or else with all the keys the message carried (routing key and CC), with one more death in
 * its headers. The {@code expiration} property is removed from the copy (the caller clears it);
 * its value is kept in {@code x-death} as {@code original-expiration}.
 *
 * @param exchange    the dead-letter exchange to publish to
 * @param routingKeys the keys to route with; the first is the copy's routing key
 * @param headers     the copy's headers
 */
public record DeadLetterPublication(String exchange, List<String> routingKeys, Map<String, Object> headers) {

    public DeadLetterPublication {
        routingKeys = List.copyOf(routingKeys);
    }

    /** The routing key the dead-lettered copy is delivered with. */
    public String routingKey() {
        return routingKeys.get(0);
    }

    /**
     * Prepares the republication of a message dead-lettered from {@code source.queue()}.
     *
     * @param deadLetterExchange   the queue's {@code x-dead-letter-exchange}
     * @param deadLetterRoutingKey the queue's {@code x-dead-letter-routing-key}, or null
     */
    public static DeadLetterPublication of(DeadLetterSource source, DeadLetterReason reason, String deadLetterExchange,
            String deadLetterRoutingKey, Instant time) {
        List<String> carried = SenderSelectedDistribution.storedRoutingKeys(source.routingKey(), source.headers());
        Death death = new Death(source.queue(), reason, source.exchange(), carried, time, source.expiration());
        Map<String, Object> headers = XDeath.record(source.headers(), death);
        headers.remove("BCC"); // never stored, but a copy must not resurrect it
        if (deadLetterRoutingKey == null) {
            return new DeadLetterPublication(deadLetterExchange, carried, headers);
        }
        headers.remove("CC");
        return new DeadLetterPublication(deadLetterExchange, List.of(deadLetterRoutingKey), headers);
    }
}
