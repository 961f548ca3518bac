package dev.revenant.benchmarks;

/** One measured value: a scenario's metric on one broker in one round. */
public record Observation(String scenarioId, Metric metric, Broker broker, int round, double value) {
}
