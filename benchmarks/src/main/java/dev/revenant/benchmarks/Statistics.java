package dev.revenant.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Medians over rounds, and ratios taken within a round (so that drift of the shared machine
 * between rounds cancels out) before their median is taken. Pure.
 */
public final class Statistics {
    private Statistics() {
    }

    /** The median; the mean of the two middle values for an even count; empty for no values. */
    public static OptionalDouble median(Collection<Double> values) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return OptionalDouble.of(sorted.size() % 2 == 1
                ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
    }

    /** Median over rounds of one scenario's metric on one broker. */
    public static OptionalDouble median(List<Observation> observations, String scenarioId, Metric metric, Broker broker) {
        List<Double> values = new ArrayList<>();
        for (Observation o : observations) {
            if (o.scenarioId().equals(scenarioId) && o.metric() == metric && o.broker() == broker) {
                values.add(o.value());
            }
        }
        return median(values);
    }

    /**
     * Median over rounds of Revenant/RabbitMQ, each ratio from the same round; rounds where either
     * broker has no value, or RabbitMQ's is 0, give no ratio.
     */
    public static OptionalDouble medianRatio(List<Observation> observations, String scenarioId, Metric metric) {
        Map<Integer, Double> revenant = new TreeMap<>();
        Map<Integer, Double> rabbitmq = new TreeMap<>();
        for (Observation o : observations) {
            if (o.scenarioId().equals(scenarioId) && o.metric() == metric) {
                (o.broker() == Broker.REVENANT ? revenant : rabbitmq).put(o.round(), o.value());
            }
        }
        List<Double> ratios = new ArrayList<>();
        revenant.forEach((round, value) -> Optional.ofNullable(rabbitmq.get(round))
                .filter(denominator -> denominator != 0)
                .ifPresent(denominator -> ratios.add(value / denominator)));
        return median(ratios);
    }
}
