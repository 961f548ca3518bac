package dev.revenant.benchmarks;

import java.util.List;

/**
 * What the report says about a scenario: its name, the PerfTest arguments of each step (so a
 * reader can rerun it by hand), the metrics it reports in order, and those the chart shows.
 */
public record ScenarioDescription(String id, String title, List<String> perfTestSteps, List<Metric> metrics,
                                  List<Metric> charted) {
    public ScenarioDescription {
        perfTestSteps = List.copyOf(perfTestSteps);
        metrics = List.copyOf(metrics);
        charted = List.copyOf(charted);
    }
}
