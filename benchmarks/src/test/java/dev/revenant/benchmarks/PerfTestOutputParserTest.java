package dev.revenant.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revenant.benchmarks.PerfTestOutput.Latency;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against PerfTest 2.22.1 output captured from real runs (src/test/resources/perftest). */
class PerfTestOutputParserTest {

    private static PerfTestOutput parseResource(String name) throws IOException {
        try (InputStream in = PerfTestOutputParserTest.class.getResourceAsStream("/perftest/" + name)) {
            assertThat(in).as(name).isNotNull();
            return PerfTestOutputParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

    @Test
    void readsAveragesLatenciesAndSamplesOfARunWithConfirms() throws IOException {
        PerfTestOutput output = parseResource("confirms-and-consumer.txt");

        assertThat(output.complete()).isTrue();
        assertThat(output.sendingRate()).isEqualTo(15624);
        assertThat(output.receivingRate()).isEqualTo(3714);
        assertThat(output.consumerLatency()).contains(new Latency(3501, 367027, 500290, 816890, 932104));
        assertThat(output.confirmLatency()).contains(new Latency(55, 1025, 2147, 8537, 14848));
        assertThat(output.stopReason()).contains("Reached time limit");
        assertThat(output.firstError()).isEmpty();
        assertThat(output.samples()).containsExactly(
                new PerfTestOutput.Sample(1.018, 5800, 3432, 361932),
                new PerfTestOutput.Sample(2.011, 26770, 4177, 933285));
    }

    @Test
    void readsDecimalRatesAndEverySampleOfAManyClientRun() throws IOException {
        PerfTestOutput output = parseResource("many-clients-decimal-rates.txt");

        assertThat(output.sendingRate()).isEqualTo(6.1);
        assertThat(output.receivingRate()).isEqualTo(14491);
        assertThat(output.samples()).hasSize(8);
        assertThat(output.samples().get(4).sent()).isEqualTo(9.0);
        assertThat(output.samples()).extracting(PerfTestOutput.Sample::timeSeconds).isSorted();
    }

    @Test
    void aProducerOnlyRunHasNoConsumerLatencyAndNoSamplesWhenItEndsWithinASecond() throws IOException {
        PerfTestOutput output = parseResource("producer-only-count-limited.txt");

        assertThat(output.complete()).isTrue();
        assertThat(output.sendingRate()).isEqualTo(14880);
        assertThat(output.receivingRate()).isZero();
        assertThat(output.consumerLatency()).isEmpty();
        assertThat(output.confirmLatency()).isEmpty();
        assertThat(output.stopReason()).contains("Producer reached message limit");
    }

    @Test
    void aConsumerOnlyDrainReportsItsReceivingAverage() throws IOException {
        PerfTestOutput output = parseResource("consumer-only-drain.txt");

        assertThat(output.receivingRate()).isEqualTo(8561);
        assertThat(output.sendingRate()).isZero();
        assertThat(output.stopReason()).contains("Consumer reached message limit");
    }

    @Test
    void aRunThatCouldNotConnectIsIncompleteAndKeepsItsFirstErrorLine() throws IOException {
        PerfTestOutput output = parseResource("broker-unreachable.txt");

        assertThat(output.complete()).isFalse();
        assertThat(output.sendingRate()).isZero();
        assertThat(output.firstError()).hasValueSatisfying(line -> assertThat(line).contains("Connection refused"));
    }

    @Test
    void millisecondLatenciesAreConvertedToMicroseconds() {
        PerfTestOutput output = PerfTestOutputParser.parse(List.of(
                "id: t, time 1.000 s, sent: 10 msg/s, received: 10 msg/s, min/median/75th/95th/99th consumer latency: 1/2/3/4/5 ms",
                "id: t, sending rate avg: 10 msg/s",
                "id: t, receiving rate avg: 10 msg/s",
                "id: t, consumer latency min/median/75th/95th/99th 1/2/3/4/5 ms"));

        assertThat(output.consumerLatency()).contains(new Latency(1000, 2000, 3000, 4000, 5000));
        assertThat(output.samples().get(0).consumerP99Micros()).isEqualTo(5000);
    }

    @Test
    void aMicroSignMangledByThePlatformCharsetStillReadsAsMicroseconds() {
        PerfTestOutput output = PerfTestOutputParser.parse(List.of(
                "id: t, sending rate avg: 10 msg/s",
                "id: t, receiving rate avg: 10 msg/s",
                "id: t, consumer latency min/median/75th/95th/99th 1/2/3/4/5 ?s"));

        assertThat(output.consumerLatency()).contains(new Latency(1, 2, 3, 4, 5));
    }

    @Test
    void outputWithoutBothAveragesIsIncomplete() {
        PerfTestOutput output = PerfTestOutputParser.parse(List.of(
                "id: t, time 1.000 s, sent: 10 msg/s, received: 10 msg/s",
                "id: t, sending rate avg: 10 msg/s"));

        assertThat(output.complete()).isFalse();
        assertThat(output.sendingRate()).isZero();
        assertThat(output.samples()).hasSize(1);
    }
}
