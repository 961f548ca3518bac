package dev.revenant.benchmarks;

/** One benchmark scenario: runs once per broker per round and reports its metrics. */
public interface Scenario {
    ScenarioDescription description();

    /** Sets up, runs and cleans up on one broker; {@code runName} is unique per round and broker. */
    Measurement run(Target target, String runName) throws Exception;

    /** Once per broker before the first round: topology that would be too slow to build per run. */
    default void prepare(Target target) {
    }

    /** Once per broker after the last round. */
    default void dispose(Target target) {
    }

    default String id() {
        return description().id();
    }
}
