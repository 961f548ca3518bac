package dev.revenant.store;

/**
 * One message held by a queue: its place in queue order ({@code seq}, unique and increasing
 * within the queue, never reused while the entry lives), where its body is stored, and how many
 * times it had been handed out before this moment (saturating at 255).
 */
public record QueueEntry(long seq, long location, int priorDeliveries) {

    /** Whether the message may have been seen by a consumer before (AMQP's redelivered flag). */
    public boolean redelivered() {
        return priorDeliveries > 0;
    }
}
