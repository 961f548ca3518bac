package dev.revenant.broker.exchange;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code x-delayed-message} exchange type (RabbitMQ's delayed-message plugin): bindings match
 * exactly as in the underlying {@code x-delayed-type}; holding a message back until its
 * {@code x-delay} is over is the publisher's job, this only answers where it goes once released.
 */
public final class DelayedRouting implements ExchangeType {
    /** The exchange type name the plugin registers. */
    public static final String TYPE_NAME = "x-delayed-message";
    /** The longest delay the plugin holds a message for (an Erlang timer's limit); longer ones route at once. */
    public static final long MAX_DELAY_MILLIS = 4_294_967_295L;

    private final ExchangeType underlying;

    DelayedRouting(ExchangeType underlying) {
        this.underlying = underlying;
    }

    /**
     * How long a message published with these headers is held, in ms; 0 means route it now. Like the
     * plugin: an integer {@code x-delay}, a decimal string of one, or a float/double/decimal (cut to
     * its integer part) in {@code 1..2^32-1} delays; anything else (absent, zero, negative, too large,
     * not a number) routes at once.
     */
    public static long delayOf(Map<String, Object> headers) {
        Object value = headers == null ? null : headers.get("x-delay");
        long delay;
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            delay = ((Number) value).longValue();
        } else if (value instanceof Float || value instanceof Double || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            delay = d >= 1 && d <= MAX_DELAY_MILLIS ? (long) d : 0;
        } else if (value instanceof String text) {
            try {
                delay = Long.parseLong(text);
            } catch (NumberFormatException e) {
                delay = 0;
            }
        } else {
            delay = 0;
        }
        return delay > 0 && delay <= MAX_DELAY_MILLIS ? delay : 0;
    }

    /**
     * The {@code x-delay} header a released message carries: the delay negated, as the plugin sets it
     * so that a further delayed exchange does not hold it again and consumers can tell it was delayed.
     */
    public static Object releasedDelayHeader(long delayMillis) {
        return delayMillis <= Integer.MAX_VALUE ? (Object) (int) -delayMillis : (Object) (-delayMillis);
    }

    /** The type it routes like, e.g. {@code topic}. */
    public String underlyingTypeName() {
        return underlying.typeName();
    }

    @Override
    public String typeName() {
        return TYPE_NAME;
    }

    @Override
    public void add(Binding binding) {
        underlying.add(binding);
    }

    @Override
    public void remove(Binding binding) {
        underlying.remove(binding);
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        underlying.route(routingKey, headers, out);
    }
}
