package dev.revenant.benchmarks;

/** Something the report must say about one run: a failure, or a result that is not what it seems. */
public record Note(String scenarioId, Broker broker, int round, String text) {
}
