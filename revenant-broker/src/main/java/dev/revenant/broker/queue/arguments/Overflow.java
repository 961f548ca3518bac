package dev.revenant.broker.queue.arguments;

/** What a queue does when a length limit is reached ({@code x-overflow}). */
public enum Overflow {
    /** Drop (or dead-letter with reason {@code maxlen}) the oldest messages; the default. */
    DROP_HEAD("drop-head"),
    /** Refuse new messages (nack them when confirms are on). */
    REJECT_PUBLISH("reject-publish"),
    /** Refuse new messages and dead-letter them. */
    REJECT_PUBLISH_DLX("reject-publish-dlx");

    private final String wireName;

    Overflow(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code x-overflow}. */
    public String wireName() {
        return wireName;
    }

    static Overflow fromWireName(String name) {
        for (Overflow overflow : values()) {
            if (overflow.wireName.equals(name)) {
                return overflow;
            }
        }
        return null;
    }
}
