package dev.revenant.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the report says around the numbers: which kind of run this was, the exact command, when it
 * ran and for how long, the machine and versions, the settings, and where the chart lies relative
 * to the report.
 */
public record ReportContext(String label, String command, Instant started, Duration elapsed, List<String> environment,
                            Settings settings, String chartLink) {
    public ReportContext {
        environment = List.copyOf(environment);
    }
}
