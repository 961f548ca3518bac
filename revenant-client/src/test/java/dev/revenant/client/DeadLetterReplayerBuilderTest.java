package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadLetterReplayerBuilderTest {
    @Test
    void topologySuppliesTheQueueNames() {
        DeadLetterReplayer replayer = DeadLetterReplayer.builder("r").connectionFactory(new ConnectionFactory())
                .topology(QueueTopology.forQueue("orders")).healthProbe(() -> true).build();
        assertThat(replayer.progress().state()).isEqualTo(ReplayProgress.State.STARTING);
    }

    @Test
    void badSettingsAreAllListed() {
        assertThatThrownBy(() -> DeadLetterReplayer.builder("r").deadLetterQueue("q").workQueue("q")
                .probeInterval(Duration.ofMillis(1)).ratePerSecond(0).maxReplays(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DeadLetterReplayer 'r' is misconfigured:")
                .hasMessageContaining("connection factory is missing")
                .hasMessageContaining("parking-lot queue is missing")
                .hasMessageContaining("dead-letter queue must differ")
                .hasMessageContaining("health probe is missing")
                .hasMessageContaining("probe interval is PT0.001S")
                .hasMessageContaining("rate is 0 messages/s")
                .hasMessageContaining("max replays is 0");
    }
}
