package dev.revenant.broker.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Move tasks that cannot place a copy: each fails with its reason and leaves every message in the source, in order. */
class MoveTaskFailuresIT extends MoveTaskTestSupport {

    @Test
    void movingToAMissingExchangeFailsAndLosesNothing() throws Exception {
        channel.queueDeclare("missing.src", false, false, false, null);
        publish("missing.src", 8);

        MoveProgress report = moves.start(new MoveRequest("/", "missing.src", MoveTarget.exchange("no-such-exchange", "k"), null, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.FAILED);
        assertThat(report.moved()).isZero();
        assertThat(report.lastError()).isEqualTo("no exchange 'no-such-exchange' in vhost '/'");
        assertThat(report.remaining()).isEqualTo(8);
        assertThat(drain("missing.src")).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");
    }

    @Test
    void aCopyThatRoutesNowhereFailsTheTaskAndStaysInTheSource() throws Exception {
        channel.exchangeDeclare("unbound.x", "direct");
        channel.queueDeclare("unbound.src", false, false, false, null);
        publish("unbound.src", 3);

        MoveProgress report = moves.start(new MoveRequest("/", "unbound.src", MoveTarget.exchange("unbound.x", "k"), null, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.FAILED);
        assertThat(report.lastError()).contains("routes message").contains("to no queue");
        assertThat(drain("unbound.src")).containsExactly("m0", "m1", "m2");
    }

    @Test
    void aMessageThatWasNeverDeadLetteredHasNoOriginToGoBackTo() throws Exception {
        channel.queueDeclare("plain.src", false, false, false, null);
        publish("plain.src", 2);

        MoveProgress report = moves.start(new MoveRequest("/", "plain.src", MoveTarget.origin(), null, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.FAILED);
        assertThat(report.lastError()).contains("has no origin");
        assertThat(drain("plain.src")).containsExactly("m0", "m1");
    }

    @Test
    void aFullTargetThatRefusesPublishesFailsTheTaskWithTheRestLeftInTheSource() throws Exception {
        channel.queueDeclare("full.src", false, false, false, null);
        channel.queueDeclare("full.dst", false, false, false, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
        publish("full.src", 5);

        MoveProgress report = moves.start(new MoveRequest("/", "full.src", MoveTarget.exchange("", "full.dst"), null, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.FAILED);
        assertThat(report.lastError()).contains("full.dst").contains("refused");
        assertThat(report.moved()).isEqualTo(2);
        assertThat(drain("full.dst")).containsExactly("m0", "m1");
        assertThat(drain("full.src")).containsExactly("m2", "m3", "m4");
    }

    @Test
    void anEmptyQueueCompletesAtOnceAndEndedTasksRefusePause() throws Exception {
        channel.queueDeclare("empty.src", false, false, false, null);
        MoveTask task = moves.start(new MoveRequest("/", "empty.src", MoveTarget.origin(), null, null));
        MoveProgress report = task.completion().get(5, TimeUnit.SECONDS);
        assertThat(report.state()).isEqualTo(MoveState.COMPLETED);
        assertThat(report.total()).isZero();
        assertThat(moves.task(task.id())).contains(task);
        org.assertj.core.api.Assertions.assertThatThrownBy(task::pause).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("it is completed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> moves.start(
                new MoveRequest("/", "no-such-queue", MoveTarget.origin(), null, null)))
                .isInstanceOf(java.util.NoSuchElementException.class).hasMessage("no queue 'no-such-queue' in vhost '/'");
    }
}
