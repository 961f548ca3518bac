package dev.revenant.benchmarks;

/**
 * A quantity a scenario reports, with its unit and which direction is better; the ratio
 * Revenant/RabbitMQ is always Revenant's value over RabbitMQ's, whichever direction that is.
 */
public enum Metric {
    SENT("sent", "msg/s", true),
    RECEIVED("received", "msg/s", true),
    DEAD_LETTERED("dead-lettered (received from the DLQ)", "msg/s", true),
    PUBLISH_TIME("publish time", "s", false),
    DRAIN_TIME("drain time", "s", false),
    RSS_BEFORE("broker RSS before publishing", "MiB", false),
    PEAK_RSS("broker peak RSS", "MiB", false),
    LATENCY_P50("consumer latency p50", "µs", false),
    LATENCY_P95("consumer latency p95", "µs", false),
    LATENCY_P99("consumer latency p99", "µs", false),
    LATENCY_WORST_SECOND_P99("worst one-second p99", "µs", false);

    private final String label;
    private final String unit;
    private final boolean higherIsBetter;

    Metric(String label, String unit, boolean higherIsBetter) {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The value as the report prints it: integers with thousands separators, times with two decimals. */
    public String format(double value) {
        if (this == PUBLISH_TIME || this == DRAIN_TIME) {
            return String.format(java.util.Locale.ROOT, "%,.2f", value);
        }
        return String.format(java.util.Locale.ROOT, "%,d", Math.round(value));
    }
}
