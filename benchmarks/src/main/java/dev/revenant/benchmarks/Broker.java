package dev.revenant.benchmarks;

/** The two brokers under test, in the order each round runs them. */
public enum Broker {
    REVENANT("Revenant"),
    RABBITMQ("RabbitMQ");

    private final String displayName;

    Broker(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
