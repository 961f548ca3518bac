package dev.revenant.benchmarks;

import java.util.List;
import java.util.Optional;

/**
 * What one PerfTest process reported: its end-of-run averages and latency percentiles, and the
 * one-second samples printed while it ran. {@code complete} is false when the summary lines are
 * missing (the process crashed or was killed), in which case the averages are meaningless.
 */
public record PerfTestOutput(
        boolean complete,
        double sendingRate,
        double receivingRate,
        Optional<Latency> consumerLatency,
        Optional<Latency> confirmLatency,
        List<Sample> samples,
        Optional<String> stopReason,
        Optional<String> firstError) {

    public PerfTestOutput {
        samples = List.copyOf(samples);
    }

    /** Latency percentiles as PerfTest prints them (min/median/75th/95th/99th), in microseconds. */
    public record Latency(long min, long median, long p75, long p95, long p99) {
    }

    /**
     * One interval report. Rates absent from the line (no producer, no consumer) are 0;
     * {@code consumerP99Micros} is -1 when the line carries no consumer latency.
     */
    public record Sample(double timeSeconds, double sent, double received, long consumerP99Micros) {
    }
}
