package dev.revenant.broker.deadletter;

import java.util.List;
import java.util.Map;

/**
 * RabbitMQ's dead-letter cycle rule: a message that would reach a queue it was already
 * dead-lettered from, with no rejection anywhere in between, is dropped for that queue instead
 * (otherwise a TTL loop would spin forever). Rejections break the rule on purpose: a consumer
 * rejecting to a delay queue that expires back is the classic retry pattern.
 */
public final class DeadLetterCycle {
    private DeadLetterCycle() {
    }

    /**
     * Whether delivering a dead-lettered message to {@code targetQueue} closes a cycle RabbitMQ
     * drops.
     *
     * @param reason      the reason of the death being processed
     * @param history     the message's {@code x-death} entries including that death (most recent
     *                    first), as {@link XDeath#record} leaves them
     * @param targetQueue a queue the dead-letter exchange routed the message to
     */
    public static boolean isCycle(DeadLetterReason reason, List<DeathEntry> history, String targetQueue) {
        if (reason == DeadLetterReason.REJECTED) {
            return false;
        }
        for (DeathEntry entry : history) {
            if (DeadLetterReason.REJECTED.wireName().equals(entry.reason())) {
                return false;
            }
            if (entry.queue().equals(targetQueue)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #isCycle(DeadLetterReason, List, String)} reading the history from the new headers. */
    public static boolean isCycle(DeadLetterReason reason, Map<String, Object> headersAfterDeath, String targetQueue) {
        return isCycle(reason, DeathHistory.entries(headersAfterDeath), targetQueue);
    }
}
