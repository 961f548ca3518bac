package dev.revenant.broker.queue;

import dev.revenant.broker.message.Message;
import dev.revenant.broker.queue.arguments.Overflow;
import dev.revenant.broker.queue.arguments.QueueArguments;
import dev.revenant.broker.queue.arguments.QueueType;
import dev.revenant.broker.retry.MessageTtl;
import dev.revenant.broker.retry.RetryDelays;
import java.util.OptionalLong;

/**
 * The failure-handling rules a queue applies, derived from its arguments: message TTL, length
 * limits and overflow behaviour, delivery limit and delivery counting, and retry backoff.
 * Immutable; a policy change replaces the whole object.
 */
final class QueueRules {
    private final OptionalLong messageTtl;
    private final OptionalLong maxLength;
    private final OptionalLong maxLengthBytes;
    private final Overflow overflow;
    private final OptionalLong deliveryLimit;
    private final boolean countsDeliveries;
    private final RetryDelays retry;

    QueueRules(QueueArguments arguments) {
        this.messageTtl = arguments.messageTtl();
        this.maxLength = arguments.maxLength();
        this.maxLengthBytes = arguments.maxLengthBytes();
        this.overflow = arguments.overflow();
        this.deliveryLimit = arguments.deliveryLimit();
        this.countsDeliveries = arguments.type() == QueueType.QUORUM || deliveryLimit.isPresent();
        this.retry = RetryDelays.of(arguments);
    }

    /** When a message enqueued now expires, or {@link Long#MAX_VALUE}. */
    long expiresAt(Message message, long nowMillis) {
        OptionalLong own = message.ttlMillis() < 0 ? OptionalLong.empty() : OptionalLong.of(message.ttlMillis());
        OptionalLong at = MessageTtl.expiresAt(nowMillis, own, messageTtl);
        return at.isPresent() ? at.getAsLong() : Long.MAX_VALUE;
    }

    /** Whether a full queue refuses publishes (so publishers in confirm mode wait for its answer). */
    boolean refusesWhenFull() {
        return overflow != Overflow.DROP_HEAD && (maxLength.isPresent() || maxLengthBytes.isPresent());
    }

    boolean deadLettersRefused() {
        return overflow == Overflow.REJECT_PUBLISH_DLX;
    }

    /** Whether taking one more message of {@code bodySize} bytes would pass a limit. */
    boolean wouldOverflow(int readyCount, long readyBytes, int bodySize) {
        return maxLength.isPresent() && readyCount >= maxLength.getAsLong()
                || maxLengthBytes.isPresent() && readyBytes + bodySize > maxLengthBytes.getAsLong();
    }

    /** Whether the ready messages pass a limit now (drop-head removes from the head until they do not). */
    boolean overLimit(int readyCount, long readyBytes) {
        return overflow == Overflow.DROP_HEAD
                && (maxLength.isPresent() && readyCount > maxLength.getAsLong()
                || maxLengthBytes.isPresent() && readyBytes > maxLengthBytes.getAsLong());
    }

    /** Whether a message returned this many times has used up {@code x-delivery-limit}. */
    boolean pastDeliveryLimit(int returns) {
        return deliveryLimit.isPresent() && returns > deliveryLimit.getAsLong();
    }

    /** Whether redeliveries carry {@code x-delivery-count} (quorum queues, or a delivery limit). */
    boolean countsDeliveries() {
        return countsDeliveries;
    }

    RetryDelays retry() {
        return retry;
    }
}
