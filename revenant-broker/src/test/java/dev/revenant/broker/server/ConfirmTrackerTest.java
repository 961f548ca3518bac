package dev.revenant.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfirmTrackerTest {
    private final List<String> sent = new ArrayList<>();
    private final ConfirmTracker.Sink sink = new ConfirmTracker.Sink() {
        @Override
        public void ack(long sequence, boolean multiple) {
            sent.add("ack " + sequence + (multiple ? " multiple" : ""));
        }

        @Override
        public void nack(long sequence) {
            sent.add("nack " + sequence);
        }
    };
    private final ConfirmTracker tracker = new ConfirmTracker();

    @Test
    void acceptedInOrderGoOutAsOneMultipleAck() {
        for (int i = 0; i < 3; i++) {
            tracker.accept(tracker.register());
        }
        tracker.flush(sink);
        tracker.flush(sink);
        assertThat(sent).containsExactly("ack 3 multiple");
    }

    @Test
    void aSingleAcceptanceIsNotMultiple() {
        tracker.accept(tracker.register());
        tracker.flush(sink);
        assertThat(sent).containsExactly("ack 1");
    }

    @Test
    void aPendingPublishHoldsBackLaterAcceptances() {
        long first = tracker.register();
        long second = tracker.register();
        tracker.accept(second);
        tracker.flush(sink);
        assertThat(sent).isEmpty();
        tracker.accept(first);
        tracker.flush(sink);
        assertThat(sent).containsExactly("ack 2 multiple");
    }

    @Test
    void refusalsAreNackedAtOnceAndNeverAcked() {
        long first = tracker.register();
        long second = tracker.register();
        tracker.refuse(second, sink);
        tracker.accept(first);
        tracker.flush(sink);
        assertThat(sent).containsExactly("nack 2", "ack 1");
        long third = tracker.register();
        tracker.refuse(third, sink);
        tracker.flush(sink);
        assertThat(sent).containsExactly("nack 2", "ack 1", "nack 3");
    }

    @Test
    void growsPastItsInitialCapacityWhileEarlyPublishesStayPending() {
        long first = tracker.register();
        for (int i = 0; i < 1000; i++) {
            tracker.accept(tracker.register());
        }
        tracker.flush(sink);
        assertThat(sent).isEmpty();
        tracker.accept(first);
        tracker.flush(sink);
        assertThat(sent).containsExactly("ack 1001 multiple");
    }

    @Test
    void settlingAnUnknownSequenceIsIgnored() {
        tracker.refuse(7, sink);
        tracker.accept(9);
        tracker.flush(sink);
        assertThat(sent).isEmpty();
    }
}
