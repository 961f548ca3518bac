package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayDecisionTest {
    private static AMQP.BasicProperties withHeaders(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().messageId("m-1").headers(headers).build();
    }

    @Test
    void firstReplayCountsOneAndClearsAttemptCounts() {
        ReplayDecision decision = ReplayDecision.decide(withHeaders(Map.of(MessageHeaders.ATTEMPTS, 3,
                MessageHeaders.BROKER_RETRY_COUNT, 2, MessageHeaders.EXCEPTION_CLASS, "java.io.IOException",
                "x-death", List.of())), 2);
        assertThat(decision.park()).isFalse();
        assertThat(decision.properties().getHeaders())
                .containsEntry(MessageHeaders.REPLAY_COUNT, 1)
                .containsEntry(MessageHeaders.EXCEPTION_CLASS, "java.io.IOException")
                .containsKey("x-death")
                .doesNotContainKeys(MessageHeaders.ATTEMPTS, MessageHeaders.BROKER_RETRY_COUNT);
        assertThat(decision.properties().getMessageId()).isEqualTo("m-1");
    }

    @Test
    void replaysUpToTheLimitThenParksUnchanged() {
        assertThat(ReplayDecision.decide(withHeaders(Map.of(MessageHeaders.REPLAY_COUNT, 1)), 2).park()).isFalse();
        AMQP.BasicProperties exhausted = withHeaders(Map.of(MessageHeaders.REPLAY_COUNT, 2, MessageHeaders.ATTEMPTS, 3));
        ReplayDecision decision = ReplayDecision.decide(exhausted, 2);
        assertThat(decision.park()).isTrue();
        assertThat(decision.properties()).isSameAs(exhausted);
    }

    @Test
    void messagesWithoutPropertiesAreReplayed() {
        assertThat(ReplayDecision.decide(null, 1).properties().getHeaders())
                .containsOnly(Map.entry(MessageHeaders.REPLAY_COUNT, 1));
    }
}
