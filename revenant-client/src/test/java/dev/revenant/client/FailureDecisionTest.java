package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailureDecisionTest {
    @Test
    void transientFailuresAreRetriedUntilTheDelaysAreUsedUp() {
        assertThat(FailureDecision.decide(FailureKind.TRANSIENT, 1, 2, false)).isEqualTo(FailureDecision.RETRY);
        assertThat(FailureDecision.decide(FailureKind.TRANSIENT, 2, 2, false)).isEqualTo(FailureDecision.RETRY);
        assertThat(FailureDecision.decide(FailureKind.TRANSIENT, 3, 2, false)).isEqualTo(FailureDecision.DEAD_LETTER);
        assertThat(FailureDecision.decide(FailureKind.TRANSIENT, 1, 0, false)).isEqualTo(FailureDecision.DEAD_LETTER);
    }

    @Test
    void permanentFailuresAreDeadLetteredAtOnceEvenWithRetriesLeftOrTheBreakerOpen() {
        assertThat(FailureDecision.decide(FailureKind.PERMANENT, 1, 5, false)).isEqualTo(FailureDecision.DEAD_LETTER);
        assertThat(FailureDecision.decide(FailureKind.PERMANENT, 1, 5, true)).isEqualTo(FailureDecision.DEAD_LETTER);
    }

    @Test
    void anOpenBreakerPutsTransientFailuresBackInTheQueue() {
        assertThat(FailureDecision.decide(FailureKind.TRANSIENT, 1, 5, true)).isEqualTo(FailureDecision.REQUEUE);
        assertThat(FailureDecision.decide(FailureKind.TRANSIENT, 9, 5, true)).isEqualTo(FailureDecision.REQUEUE);
    }

    @Test
    void classifierByTypeLooksThroughCauses() {
        FailureClassifier classifier = FailureClassifier.transientOn(IOException.class, TimeoutException.class);
        assertThat(classifier.classify(new IOException())).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classifier.classify(new UncheckedIOException(new IOException()))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classifier.classify(new IllegalArgumentException())).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureClassifier.allTransient().classify(new IllegalArgumentException())).isEqualTo(FailureKind.TRANSIENT);
    }
}
