package dev.revenant.broker.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RabbitMQ's direct reply-to: a no-ack consumer of the pseudo-queue {@code amq.rabbitmq.reply-to}
 * gets a token; requests it publishes carry {@code reply-to: amq.rabbitmq.reply-to.<token>}, and a
 * reply published to the default exchange with that routing key goes straight to the consumer.
 */
public final class DirectReplyTo {
    public static final String PSEUDO_QUEUE = "amq.rabbitmq.reply-to";
    private static final String PREFIX = PSEUDO_QUEUE + ".";

    private final Map<String, ChannelConsumer> consumers = new ConcurrentHashMap<>();

    /** Registers a reply consumer; returns the reply-to address requests should carry. */
    String register(ChannelConsumer consumer) {
        String token = RandomNames.token(18);
        consumers.put(token, consumer);
        return PREFIX + token;
    }

    void unregister(String address) {
        if (address != null && address.startsWith(PREFIX)) {
            consumers.remove(address.substring(PREFIX.length()));
        }
    }

    /** Whether a routing key addresses a reply consumer (on the default exchange). */
    static boolean isReplyAddress(String routingKey) {
        return routingKey.startsWith(PREFIX);
    }

    /** The consumer a reply address names, or null if it is gone. */
    ChannelConsumer consumer(String routingKey) {
        return isReplyAddress(routingKey) ? consumers.get(routingKey.substring(PREFIX.length())) : null;
    }
}
