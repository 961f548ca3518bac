package dev.revenant.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What one scenario run on one broker produced: metric values, and notes on anything that went wrong or is missing. */
public final class Measurement {
    private final Map<Metric, Double> values = new EnumMap<>(Metric.class);
    private final List<String> notes = new ArrayList<>();

    public Measurement put(Metric metric, double value) {
        values.put(metric, value);
        return this;
    }

    public Measurement note(String note) {
        notes.add(note);
        return this;
    }

    /**
     * Whether a PerfTest run finished; if it did not, says so in a note (with its first error line)
     * so that the report shows a gap with a reason instead of a number.
     */
    public boolean accept(String step, PerfTestOutput output) {
        if (output.complete()) {
            return true;
        }
        note(step + ": PerfTest did not finish"
                + output.firstError().map(e -> " (" + e + ")").orElse(output.stopReason().map(r -> " (" + r + ")").orElse("")));
        return false;
    }

    public Map<Metric, Double> values() {
        return values;
    }

    public List<String> notes() {
        return notes;
    }
}
