package dev.revenant.broker.deadletter;

import java.util.Map;
import java.util.Objects;

/**
 * A message as it sat in the queue it is being dead-lettered from.
 *
 * @param queue      that queue's name
 * @param exchange   the exchange the message was published (or last dead-lettered) to
 * @param routingKey its routing key
 * @param headers    its headers as stored (BCC already removed), null for none
 * @param expiration its {@code expiration} property, null for none
 */
public record DeadLetterSource(String queue, String exchange, String routingKey, Map<String, Object> headers,
        String expiration) {

    public DeadLetterSource {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
    }
}
