package dev.revenant.benchmarks;

/**
 * How long and how big each run is. {@code durationSeconds} applies to every time-limited
 * PerfTest run; the backlog scenarios are sized by message counts instead.
 */
public record Settings(int rounds, int durationSeconds, int warmupSeconds, int backlogMessages,
                       int ceilingMessages, int latencyRate) {
    public Settings {
        if (rounds < 1 || durationSeconds < 1 || warmupSeconds < 0 || backlogMessages < 1
                || ceilingMessages < 1 || latencyRate < 1) {
            throw new IllegalArgumentException("settings must be positive: " + this);
        }
    }
}
