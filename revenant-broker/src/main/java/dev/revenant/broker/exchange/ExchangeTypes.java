package dev.revenant.broker.exchange;

import java.util.Map;

/** The exchange types this broker knows, by their AMQP type names. */
public final class ExchangeTypes {
    private ExchangeTypes() {
    }

    /** A fresh routing table for a built-in type, or null if the type is unknown. */
    public static ExchangeType create(String typeName) {
        switch (typeName) {
            case "direct": return new DirectRouting();
            case "fanout": return new FanoutRouting();
            case "topic": return new TopicRouting();
            case "headers": return new HeadersRouting();
            default: return null;
        }
    }

    /**
     * A fresh routing table for any known type, including {@code x-delayed-message} routing like its
     * {@code x-delayed-type} argument; null if the type is unknown or that argument names no built-in
     * type (the declare path rejects those arguments first, with the plugin's message).
     */
    public static ExchangeType create(String typeName, Map<String, Object> arguments) {
        if (DelayedRouting.TYPE_NAME.equals(typeName)) {
            Object underlying = arguments == null ? null : arguments.get("x-delayed-type");
            ExchangeType routing = underlying instanceof String name ? create(name) : null;
            return routing == null ? null : new DelayedRouting(routing);
        }
        return create(typeName);
    }

    /** Whether exchange.declare accepts the type name (arguments are checked separately). */
    public static boolean isKnown(String typeName) {
        return DelayedRouting.TYPE_NAME.equals(typeName) || create(typeName) != null;
    }
}
