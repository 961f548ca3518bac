package dev.revenant.benchmarks;

import java.util.List;

/** Everything a benchmark run measured, in the order it was measured; the input of the report and the chart. */
public record RunResults(List<ScenarioDescription> scenarios, List<Observation> observations, List<Note> notes) {
    public RunResults {
        scenarios = List.copyOf(scenarios);
        observations = List.copyOf(observations);
        notes = List.copyOf(notes);
    }
}
