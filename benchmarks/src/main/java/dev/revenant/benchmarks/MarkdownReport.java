package dev.revenant.benchmarks;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Renders a run as Markdown: the context (date, exact command, machine, versions, settings), one
 * table per scenario with both brokers' medians and the median same-round ratio, the notes of any
 * run that failed or measured nothing, and how close each scenario came to PerfTest's own
 * ceiling. Pure: the same results give the same text. A missing value prints as a dash.
 */
public final class MarkdownReport {
    private static final String MISSING = "—";

    private MarkdownReport() {
    }

    public static String render(ReportContext context, RunResults results) {
        StringBuilder out = new StringBuilder();
        out.append("## Results: ").append(context.label()).append("\n\n");
        out.append("- Date: ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(context.started().atOffset(ZoneOffset.UTC)))
                .append(", took ").append(context.elapsed().toMinutes()).append(" min ")
                .append(context.elapsed().toSecondsPart()).append(" s\n");
        out.append("- Command: `").append(context.command()).append("`\n");
        context.environment().forEach(line -> out.append("- ").append(line).append('\n'));
        Settings s = context.settings();
        out.append(String.format(Locale.ROOT, "- Settings: %d round(s), brokers alternating (Revenant, RabbitMQ) in every round;"
                        + " time-limited runs of %d s after a %d s warm-up per broker; S7 backlog %,d messages;"
                        + " C2 %,d messages; L1 at %,d msg/s.%n",
                s.rounds(), s.durationSeconds(), s.warmupSeconds(), s.backlogMessages(), s.ceilingMessages(), s.latencyRate()));
        out.append("- Values are medians over rounds. The ratio is Revenant/RabbitMQ taken within each round, then its median:"
                + " above 1 favours Revenant for rates, below 1 favours it for times, memory and latencies.\n\n");
        if (context.chartLink() != null) {
            out.append("![Revenant and RabbitMQ, scenario by scenario](").append(context.chartLink()).append(")\n\n");
        }
        for (ScenarioDescription scenario : results.scenarios()) {
            scenarioSection(out, scenario, results);
        }
        ceilingSection(out, results);
        return out.toString();
    }

    private static void scenarioSection(StringBuilder out, ScenarioDescription scenario, RunResults results) {
        out.append("### ").append(scenario.id()).append(": ").append(scenario.title()).append("\n\n");
        out.append("PerfTest arguments (after `-h amqp://guest:guest@127.0.0.1:PORT`):\n\n");
        scenario.perfTestSteps().forEach(step -> out.append("    ").append(step).append('\n'));
        out.append("\n| metric | Revenant | RabbitMQ | Revenant/RabbitMQ |\n|---|--:|--:|--:|\n");
        for (Metric metric : scenario.metrics()) {
            OptionalDouble revenant = Statistics.median(results.observations(), scenario.id(), metric, Broker.REVENANT);
            OptionalDouble rabbitmq = Statistics.median(results.observations(), scenario.id(), metric, Broker.RABBITMQ);
            OptionalDouble ratio = Statistics.medianRatio(results.observations(), scenario.id(), metric);
            out.append("| ").append(metric.label()).append(" (").append(metric.unit()).append(") | ")
                    .append(value(metric, revenant)).append(" | ").append(value(metric, rabbitmq)).append(" | ")
                    .append(ratio(ratio)).append(" |\n");
        }
        List<Note> notes = results.notes().stream().filter(n -> n.scenarioId().equals(scenario.id())).toList();
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append("- Note, ").append(n.broker().displayName()).append(" round ").append(n.round())
                    .append(": ").append(n.text()).append('\n'));
        }
        out.append('\n');
    }

    /** Ratio with two decimals, or three significant digits below 0.1 so that tiny ratios do not print as 0.00. */
    static String ratio(OptionalDouble ratio) {
        if (ratio.isEmpty()) {
            return MISSING;
        }
        double r = ratio.getAsDouble();
        return r != 0 && Math.abs(r) < 0.1 ? String.format(Locale.ROOT, "%.3g", r) : String.format(Locale.ROOT, "%.2f", r);
    }

    private static String value(Metric metric, OptionalDouble value) {
        return value.isPresent() ? metric.format(value.getAsDouble()) : MISSING;
    }

    private static void ceilingSection(StringBuilder out, RunResults results) {
        Optional<Double> producerCeiling = best(results, "C1", Metric.SENT);
        Optional<Double> consumerCeiling = best(results, "C2", Metric.RECEIVED);
        out.append("### How close each scenario came to the load generator's ceiling\n\n");
        out.append("PerfTest shares the machine with the broker, so it is itself a limit. Its ceiling here is the better"
                + " of the two brokers in C1 (producer only, nothing routed: ").append(producerCeiling.map(Metric.SENT::format).orElse(MISSING))
                .append(" msg/s) and C2 (consumer only, draining a full queue: ")
                .append(consumerCeiling.map(Metric.RECEIVED::format).orElse(MISSING))
                .append(" msg/s). Percentages are of those; scenarios with several producers or consumers, or S4's ten copies"
                        + " of each message, can exceed 100%.\n\n");
        out.append("| scenario | sent, Revenant | sent, RabbitMQ | received, Revenant | received, RabbitMQ |\n|---|--:|--:|--:|--:|\n");
        for (ScenarioDescription scenario : results.scenarios()) {
            if (scenario.id().startsWith("C") || !scenario.metrics().contains(Metric.RECEIVED)
                    || !scenario.metrics().contains(Metric.SENT)) {
                continue;
            }
            out.append("| ").append(scenario.id());
            for (Metric metric : List.of(Metric.SENT, Metric.RECEIVED)) {
                Optional<Double> ceiling = metric == Metric.SENT ? producerCeiling : consumerCeiling;
                for (Broker broker : Broker.values()) {
                    OptionalDouble value = Statistics.median(results.observations(), scenario.id(), metric, broker);
                    out.append(" | ").append(value.isPresent() && ceiling.isPresent() && ceiling.get() > 0
                            ? Math.round(100 * value.getAsDouble() / ceiling.get()) + " %" : MISSING);
                }
            }
            out.append(" |\n");
        }
        out.append('\n');
    }

    private static Optional<Double> best(RunResults results, String scenarioId, Metric metric) {
        OptionalDouble revenant = Statistics.median(results.observations(), scenarioId, metric, Broker.REVENANT);
        OptionalDouble rabbitmq = Statistics.median(results.observations(), scenarioId, metric, Broker.RABBITMQ);
        if (revenant.isEmpty() && rabbitmq.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Math.max(revenant.orElse(0), rabbitmq.orElse(0)));
    }
}
