package dev.revenant.broker.queue.arguments;

/** Queue types Revenant accepts in {@code x-queue-type} (streams are refused). */
public enum QueueType {
    CLASSIC("classic"),
    QUORUM("quorum");

    private final String wireName;

    QueueType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code x-queue-type}. */
    public String wireName() {
        return wireName;
    }

    /** RabbitMQ's internal module name, which appears in its "of queue type" error texts. */
    String moduleName() {
        return this == CLASSIC ? "rabbit_classic_queue" : "rabbit_quorum_queue";
    }

    static QueueType fromWireName(String name) {
        for (QueueType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
