package dev.revenant.broker.server;

/**
 * Publisher-confirm bookkeeping of one channel: each publish gets the next sequence number and
 * is later settled as accepted or refused, possibly out of order (queues and the store answer at
 * their own pace). Refusals are sent at once as single nacks; acceptances are sent as one
 * {@code basic.ack(multiple)} covering the longest settled prefix. Event-loop confined.
 */
final class ConfirmTracker {
    private static final byte PENDING = 0;
    private static final byte ACCEPTED = 1;
    private static final byte REFUSED = 2;

    /** Where confirms are written. */
    interface Sink {
        void ack(long sequence, boolean multiple);

        void nack(long sequence);
    }

    private byte[] states = new byte[64];
    private long base = 1;          // sequence number held in states[0 of the ring], first not yet covered
    private int head;               // ring index of base
    private long next = 1;          // next sequence number to hand out
    private long highestAccepted;   // highest accepted sequence in the settled prefix not yet acked

    /** Numbers the next publish. */
    long register() {
        if (next - base >= states.length) {
            grow();
        }
        states[index(next)] = PENDING;
        return next++;
    }

    void accept(long sequence) {
        settle(sequence, ACCEPTED);
    }

    void refuse(long sequence, Sink sink) {
        if (settle(sequence, REFUSED)) {
            sink.nack(sequence);
        }
    }

    /** Sends one ack for everything accepted in the settled prefix, and forgets that prefix. */
    void flush(Sink sink) {
        long start = base;
        while (base < next && states[head] != PENDING) {
            if (states[head] == ACCEPTED) {
                highestAccepted = base;
            }
            head = (head + 1) % states.length;
            base++;
        }
        if (highestAccepted >= start) {
            sink.ack(highestAccepted, highestAccepted > start);
        }
    }

    private boolean settle(long sequence, byte state) {
        if (sequence < base || sequence >= next) {
            return false; // already covered, or never handed out
        }
        states[index(sequence)] = state;
        return true;
    }

    private int index(long sequence) {
        return (int) ((head + (sequence - base)) % states.length);
    }

    private void grow() {
        byte[] bigger = new byte[states.length * 2];
        int live = (int) (next - base);
        for (int i = 0; i < live; i++) {
            bigger[i] = states[(head + i) % states.length];
        }
        states = bigger;
        head = 0;
    }
}
