package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.revenant.testkit.BrokerTarget;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A replayer killed with SIGKILL mid-replay loses nothing: every message is in the DLQ or the work queue. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ReplayerCrashIT {
    private static final int MESSAGES = 300;

    @Parameter
    BrokerTarget target;
    private BrokerFixture broker;
    private Process child;

    @BeforeEach
    void connect() throws Exception {
        broker = new BrokerFixture(target);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        broker.close();
    }

    @Test
    void killedMidReplayLosesNothingAndDuplicatesAtMostTheMessageInFlight() throws Exception {
        QueueTopology topology = broker.topology("crash");
        topology.declare(broker.connection);
        for (int i = 0; i < MESSAGES; i++) {
            broker.publish(topology.deadLetterQueue(), "order-" + i, "box " + i);
        }

        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ReplayerChild.class.getName(),
                target.host(), String.valueOf(target.port()), topology.deadLetterQueue(), topology.queue(),
                topology.parkingLotQueue(), "100")
                .redirectErrorStream(true).start();
        AtomicLong replayed = new AtomicLong();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    if (line.startsWith("replayed=")) {
                        replayed.set(Long.parseLong(line.substring("replayed=".length())));
                    }
                }
            } catch (java.io.IOException e) {
                // The child was killed: its output ends.
            }
        }, "replayer-child-output");
        reader.setDaemon(true);
        reader.start();

        await().atMost(Duration.ofSeconds(30)).failFast("replayer child exited: " + output, () -> !child.isAlive())
                .until(() -> replayed.get() >= 40);
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // The broker requeues the child's unacked delivery once it notices the dead connection.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> broker.ready(topology.deadLetterQueue()) + broker.ready(topology.queue()) >= MESSAGES);
        List<GetResponse> inDeadLetterQueue = broker.drain(topology.deadLetterQueue());
        List<GetResponse> inWorkQueue = broker.drain(topology.queue());
        List<String> ids = new ArrayList<>();
        inDeadLetterQueue.forEach(m -> ids.add(m.getProps().getMessageId()));
        inWorkQueue.forEach(m -> ids.add(m.getProps().getMessageId()));

        Set<String> expected = IntStream.range(0, MESSAGES).mapToObj(i -> "order-" + i).collect(Collectors.toSet());
        assertThat(Set.copyOf(ids)).isEqualTo(expected);
        assertThat(ids.size()).as("one message at most was in flight when the replayer died")
                .isBetween(MESSAGES, MESSAGES + 1);
        assertThat(inWorkQueue.size()).as("the kill came mid-replay").isGreaterThanOrEqualTo(40).isLessThan(MESSAGES);
        assertThat(broker.ready(topology.parkingLotQueue())).isZero();
    }
}
