package dev.revenant.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Statistics.median(List.of(9.0, 1.0, 5.0)).getAsDouble()).isEqualTo(5.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Statistics.median(List.of(4.0, 1.0, 10.0, 2.0)).getAsDouble()).isEqualTo(3.0);
    }

    @Test
    void medianOfNothingIsEmpty() {
        assertThat(Statistics.median(List.<Double>of())).isEmpty();
    }

    @Test
    void ratiosAreTakenWithinEachRoundBeforeTheirMedian() {
        // Per-round ratios 2, 2, 3 have median 2; the ratio of the medians (100 / 40 = 2.5) would differ.
        List<Observation> observations = List.of(
                new Observation("S1", Metric.RECEIVED, Broker.REVENANT, 1, 100),
                new Observation("S1", Metric.RECEIVED, Broker.RABBITMQ, 1, 50),
                new Observation("S1", Metric.RECEIVED, Broker.REVENANT, 2, 20),
                new Observation("S1", Metric.RECEIVED, Broker.RABBITMQ, 2, 10),
                new Observation("S1", Metric.RECEIVED, Broker.REVENANT, 3, 120),
                new Observation("S1", Metric.RECEIVED, Broker.RABBITMQ, 3, 40));

        assertThat(Statistics.medianRatio(observations, "S1", Metric.RECEIVED).getAsDouble()).isEqualTo(2.0);
        assertThat(Statistics.median(observations, "S1", Metric.RECEIVED, Broker.REVENANT).getAsDouble()).isEqualTo(100);
        assertThat(Statistics.median(observations, "S1", Metric.RECEIVED, Broker.RABBITMQ).getAsDouble()).isEqualTo(40);
    }

    @Test
    void roundsMissingABrokerOrWithAZeroDenominatorGiveNoRatio() {
        List<Observation> observations = List.of(
                new Observation("S3", Metric.DEAD_LETTERED, Broker.REVENANT, 1, 0),
                new Observation("S3", Metric.DEAD_LETTERED, Broker.RABBITMQ, 1, 1000),
                new Observation("S3", Metric.DEAD_LETTERED, Broker.REVENANT, 2, 500),
                new Observation("S3", Metric.DEAD_LETTERED, Broker.RABBITMQ, 2, 0),
                new Observation("S3", Metric.DEAD_LETTERED, Broker.REVENANT, 3, 700));

        assertThat(Statistics.medianRatio(observations, "S3", Metric.DEAD_LETTERED).getAsDouble()).isZero();
        assertThat(Statistics.medianRatio(observations, "S9", Metric.DEAD_LETTERED)).isEmpty();
    }

    @Test
    void observationsOfOtherScenariosAndMetricsAreIgnored() {
        List<Observation> observations = List.of(
                new Observation("S1", Metric.SENT, Broker.REVENANT, 1, 7),
                new Observation("S2", Metric.RECEIVED, Broker.REVENANT, 1, 9),
                new Observation("S1", Metric.RECEIVED, Broker.REVENANT, 1, 3));

        assertThat(Statistics.median(observations, "S1", Metric.RECEIVED, Broker.REVENANT).getAsDouble()).isEqualTo(3);
    }
}
