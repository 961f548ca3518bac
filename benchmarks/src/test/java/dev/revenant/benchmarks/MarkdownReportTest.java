package dev.revenant.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    static final ScenarioDescription S1 = new ScenarioDescription("S1", "Transient 1 -> 1 -> 1",
            List.of("-x 1 -y 1 -s 100 -a -z 4"), List.of(Metric.SENT, Metric.RECEIVED), List.of(Metric.RECEIVED));
    static final ScenarioDescription S3 = new ScenarioDescription("S3", "Dead-lettering",
            List.of("-x 0 -y 1 -u dlq", "-x 1 -y 1 -na -re false"),
            List.of(Metric.SENT, Metric.RECEIVED, Metric.DEAD_LETTERED), List.of(Metric.DEAD_LETTERED));
    static final ScenarioDescription C1 = new ScenarioDescription("C1", "Producer ceiling",
            List.of("-x 1 -y 0"), List.of(Metric.SENT), List.of(Metric.SENT));
    static final ScenarioDescription C2 = new ScenarioDescription("C2", "Consumer ceiling",
            List.of("-x 0 -y 1"), List.of(Metric.RECEIVED), List.of(Metric.RECEIVED));

    static RunResults results() {
        return new RunResults(List.of(S1, S3, C1, C2), List.of(
                new Observation("S1", Metric.SENT, Broker.REVENANT, 1, 80_000),
                new Observation("S1", Metric.SENT, Broker.RABBITMQ, 1, 40_000),
                new Observation("S1", Metric.RECEIVED, Broker.REVENANT, 1, 60_000),
                new Observation("S1", Metric.RECEIVED, Broker.RABBITMQ, 1, 40_000),
                new Observation("S3", Metric.SENT, Broker.REVENANT, 1, 9_000),
                new Observation("S3", Metric.DEAD_LETTERED, Broker.REVENANT, 1, 0),
                new Observation("S3", Metric.DEAD_LETTERED, Broker.RABBITMQ, 1, 1_200),
                new Observation("C1", Metric.SENT, Broker.REVENANT, 1, 100_000),
                new Observation("C1", Metric.SENT, Broker.RABBITMQ, 1, 50_000),
                new Observation("C2", Metric.RECEIVED, Broker.RABBITMQ, 1, 120_000)),
                List.of(new Note("S3", Broker.REVENANT, 1, "the DLQ received nothing")));
    }

    static ReportContext context() {
        return new ReportContext("quick run", "benchmarks/run --quick", Instant.parse("2026-11-25T10:40:00Z"),
                Duration.ofSeconds(125), List.of("Machine: 2 cores"), new Settings(1, 4, 3, 20_000, 50_000, 5_000),
                "benchmarks/chart.svg");
    }

    @Test
    void statesTheContextTheCommandAndTheChart() {
        String report = MarkdownReport.render(context(), results());

        assertThat(report).startsWith("## Results: quick run\n")
                .contains("- Date: 2026-11-25 10:40 UTC, took 2 min 5 s")
                .contains("- Command: `benchmarks/run --quick`")
                .contains("- Machine: 2 cores")
                .contains("S7 backlog 20,000 messages")
                .contains("![Revenant and RabbitMQ, scenario by scenario](benchmarks/chart.svg)");
    }

    @Test
    void tabulatesBothBrokersAndTheRatioPerMetric() {
        String report = MarkdownReport.render(context(), results());

        assertThat(report).contains("### S1: Transient 1 -> 1 -> 1")
                .contains("    -x 1 -y 1 -s 100 -a -z 4\n")
                .contains("| sent (msg/s) | 80,000 | 40,000 | 2.00 |")
                .contains("| received (msg/s) | 60,000 | 40,000 | 1.50 |");
    }

    @Test
    void showsAZeroAsAZeroAndAMissingValueAsADashWithTheRunsNote() {
        String report = MarkdownReport.render(context(), results());

        assertThat(report).contains("| dead-lettered (received from the DLQ) (msg/s) | 0 | 1,200 | 0.00 |")
                .contains("| sent (msg/s) | 9,000 | — | — |")
                .contains("- Note, Revenant round 1: the DLQ received nothing");
    }

    @Test
    void relatesEachScenarioToTheBestCeilingOfEitherBroker() {
        String report = MarkdownReport.render(context(), results());

        assertThat(report).contains("nothing routed: 100,000 msg/s")
                .contains("draining a full queue: 120,000 msg/s")
                .contains("| S1 | 80 % | 40 % | 50 % | 33 % |")
                .doesNotContain("| C1 |");
    }

    @Test
    void smallRatiosKeepThreeSignificantDigits() {
        assertThat(MarkdownReport.ratio(OptionalDouble.of(0.0863))).isEqualTo("0.0863");
        assertThat(MarkdownReport.ratio(OptionalDouble.of(1.234))).isEqualTo("1.23");
        assertThat(MarkdownReport.ratio(OptionalDouble.of(0))).isEqualTo("0.00");
        assertThat(MarkdownReport.ratio(OptionalDouble.empty())).isEqualTo("—");
    }
}
