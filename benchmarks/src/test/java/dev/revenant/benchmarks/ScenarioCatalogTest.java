package dev.revenant.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScenarioCatalogTest {
    private static final Settings QUICK = new Settings(1, 4, 3, 20_000, 50_000, 5_000);

    @Test
    void coversTheIssuesScenariosAndBothCeilingsInOrder() {
        assertThat(ScenarioCatalog.all(QUICK)).extracting(Scenario::id)
                .containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7", "L1", "C1", "C2");
    }

    @Test
    void chartsOnlyMetricsTheScenarioReports() {
        for (Scenario scenario : ScenarioCatalog.all(QUICK)) {
            assertThat(scenario.description().metrics()).as(scenario.id()).containsAll(scenario.description().charted());
            assertThat(scenario.description().perfTestSteps()).as(scenario.id()).isNotEmpty();
        }
    }

    @Test
    void passesTheSettingsIntoThePerfTestArguments() {
        List<Scenario> scenarios = ScenarioCatalog.all(QUICK);
        String s1 = scenarios.get(0).description().perfTestSteps().get(0);
        String s7 = String.join(" ", scenarios.get(6).description().perfTestSteps());
        String l1 = scenarios.get(7).description().perfTestSteps().get(0);

        assertThat(s1).contains("-s 100").endsWith("-z 4");
        assertThat(s7).contains("-s 1024 -C 20000 -f persistent -c 1000").contains("-D 20000");
        assertThat(l1).contains("-r 5000");
    }

    @Test
    void theTopicRoutingKeyMatchesExactlyOneOfTheTenThousandBindings() {
        List<Integer> matching = IntStream.range(0, ScenarioCatalog.TOPIC_BINDINGS)
                .filter(i -> topicMatches(Topology.topicPattern(i), ScenarioCatalog.TOPIC_ROUTING_KEY))
                .boxed().toList();

        assertThat(matching).containsExactly(4242);
        assertThat(IntStream.range(0, ScenarioCatalog.TOPIC_BINDINGS).mapToObj(Topology::topicPattern).distinct().count())
                .isEqualTo(ScenarioCatalog.TOPIC_BINDINGS);
    }

    /** AMQP topic matching: '*' is exactly one word, '#' zero or more. */
    private static boolean topicMatches(String pattern, String key) {
        return matches(pattern.split("\\."), 0, key.split("\\."), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] key, int k) {
        if (p == pattern.length) {
            return k == key.length;
        }
        if (pattern[p].equals("#")) {
            return IntStream.rangeClosed(k, key.length).anyMatch(next -> matches(pattern, p + 1, key, next));
        }
        return k < key.length && (pattern[p].equals("*") || pattern[p].equals(key[k])) && matches(pattern, p + 1, key, k + 1);
    }

    @Test
    void theWorstSecondLeavesOutTheFirstSecondWhenThereAreLaterOnes() {
        List<PerfTestOutput.Sample> samples = List.of(
                new PerfTestOutput.Sample(1, 10, 10, 90_000),
                new PerfTestOutput.Sample(2, 10, 10, 4_000),
                new PerfTestOutput.Sample(3, 10, 0, -1),
                new PerfTestOutput.Sample(4, 10, 10, 7_000));

        assertThat(SteadyLoadScenario.worstSecondP99(samples)).hasValue(7_000);
        assertThat(SteadyLoadScenario.worstSecondP99(samples.subList(0, 1))).hasValue(90_000);
        assertThat(SteadyLoadScenario.worstSecondP99(List.of())).isEmpty();
    }
}
