package dev.revenant.broker.deadletter;

import java.util.Optional;

/** Why a message was dead-lettered, with the names RabbitMQ writes into {@code x-death}. */
public enum DeadLetterReason {
    /** basic.reject or basic.nack with requeue=false. */
    REJECTED("rejected"),
    /** Per-message or per-queue TTL ran out. */
    EXPIRED("expired"),
    /** Dropped by a length limit ({@code x-max-length}, {@code x-max-length-bytes}). */
    MAXLEN("maxlen"),
    /** Returned more often than {@code x-delivery-limit} allows. */
    DELIVERY_LIMIT("delivery_limit");

    private final String wireName;

    DeadLetterReason(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code reason} value in {@code x-death}. */
    public String wireName() {
        return wireName;
    }

    /** The reason with this wire name, if it is one of the four. */
    public static Optional<DeadLetterReason> fromWireName(String name) {
        for (DeadLetterReason reason : values()) {
            if (reason.wireName.equals(name)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
