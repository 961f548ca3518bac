package dev.revenant.broker.queue.arguments;

/**
 * Which returned messages RabbitMQ 4.3's delayed retry holds back ({@code x-delayed-retry-type}).
 * "Failed" returns are the ones that count as a failed delivery attempt (basic.reject, channel
 * or connection loss); other returns (basic.nack with requeue) do not.
 */
public enum DelayedRetryType {
    /** No delay; the default. */
    DISABLED("disabled"),
    /** Every return is delayed. */
    ALL("all"),
    /** Only returns that count as a failed delivery attempt are delayed. */
    FAILED("failed"),
    /** Only returns that do not count as a failed delivery attempt are delayed. */
    RETURNED("returned");

    private final String wireName;

    DelayedRetryType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code x-delayed-retry-type}. */
    public String wireName() {
        return wireName;
    }

    static DelayedRetryType fromWireName(String name) {
        for (DelayedRetryType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
