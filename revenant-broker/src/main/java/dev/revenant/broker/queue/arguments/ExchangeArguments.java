package dev.revenant.broker.queue.arguments;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An exchange's validated declare arguments: its alternate exchange and, for the delayed-message
 * exchange type, the exchange type it routes like. Other arguments are ignored, as RabbitMQ does.
 *
 * @param alternateExchange {@code alternate-exchange}: where unroutable messages go
 * @param delayedType       {@code x-delayed-type} of an {@code x-delayed-message} exchange
 */
public record ExchangeArguments(Optional<String> alternateExchange, Optional<String> delayedType) {

    /** The exchange type of the delayed-message plugin. */
    public static final String DELAYED_MESSAGE_TYPE = "x-delayed-message";

    private static final Set<String> ROUTING_TYPES = Set.of("direct", "fanout", "topic", "headers");

    /**
     * Validates a declaration's arguments. The unknown-exchange-type check (503) is the caller's.
     *
     * @throws PreconditionFailedException {@code invalid type 'signedint' for arg
     *         'alternate-exchange' in exchange 'x' in vhost '/'}, or for a delayed-message exchange
     *         without a usable {@code x-delayed-type} the plugin's text {@code Invalid argument,
     *         'x-delayed-type' must be an existing exchange type}
     */
    public static ExchangeArguments parse(ExchangeDeclaration declaration) {
        Map<String, Object> args = declaration.argumentsOrEmpty();
        Optional<String> alternate = Optional.empty();
        if (args.containsKey("alternate-exchange")) {
            Object value = args.get("alternate-exchange");
            if (!(value instanceof String name)) {
                throw new PreconditionFailedException("invalid type '" + FieldValues.typeName(value)
                        + "' for arg 'alternate-exchange' in exchange '" + declaration.name() + "' in vhost '"
                        + declaration.vhost() + "'");
            }
            alternate = Optional.of(name);
        }
        Optional<String> delayedType = Optional.empty();
        if (DELAYED_MESSAGE_TYPE.equals(declaration.type())) {
            Object value = args.get("x-delayed-type");
            // A delayed exchange routing like another delayed exchange would loop forever.
            if (!(value instanceof String type) || !ROUTING_TYPES.contains(type)) {
                throw new PreconditionFailedException(
                        "Invalid argument, 'x-delayed-type' must be an existing exchange type");
            }
            delayedType = Optional.of(type);
        }
        return new ExchangeArguments(alternate, delayedType);
    }

    /**
     * Passes silently when a redeclare matches the exchange: {@code type}, {@code durable},
     * {@code auto_delete}, {@code internal}, then {@code alternate-exchange}, in RabbitMQ's order.
     *
     * @throws PreconditionFailedException e.g. {@code inequivalent arg 'type' for exchange 'x' in
     *         vhost '/': received 'topic' but current is 'direct'}
     */
    public static void checkEquivalent(ExchangeDeclaration current, ExchangeDeclaration requested) {
        String vhost = current.vhost();
        String name = current.name();
        if (!current.type().equals(requested.type())) {
            throw differ(vhost, name, "type", requested.type(), current.type());
        } else if (current.durable() != requested.durable()) {
            throw differ(vhost, name, "durable", requested.durable(), current.durable());
        } else if (current.autoDelete() != requested.autoDelete()) {
            throw differ(vhost, name, "auto_delete", requested.autoDelete(), current.autoDelete());
        } else if (current.internal() != requested.internal()) {
            throw differ(vhost, name, "internal", requested.internal(), current.internal());
        }
        Map<String, Object> was = current.argumentsOrEmpty();
        Map<String, Object> now = requested.argumentsOrEmpty();
        for (String key : new String[] {"alternate-exchange", "x-delayed-type"}) {
            if (!QueueEquivalence.sameValue(was, now, key)) {
                throw ArgumentErrors.inequivalent("exchange", vhost, name, key, now.containsKey(key), now.get(key),
                        was.containsKey(key), was.get(key));
            }
        }
    }

    private static PreconditionFailedException differ(String vhost, String name, String key, Object received,
            Object current) {
        return ArgumentErrors.inequivalent("exchange", vhost, name, key, true, received, true, current);
    }
}
