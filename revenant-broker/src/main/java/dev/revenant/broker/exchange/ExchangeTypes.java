package dev.revenant.broker.exchange;

/** The exchange types this broker knows, by their AMQP type names. */
public final class ExchangeTypes {
    private ExchangeTypes() {
    }

    /** A fresh routing table for the type, or null if the type is unknown. */
    public static ExchangeType create(String typeName) {
        switch (typeName) {
            case "direct": return new DirectRouting();
            case "fanout": return new FanoutRouting();
            case "topic": return new TopicRouting();
            case "headers": return new HeadersRouting();
            default: return null;
        }
    }
}
