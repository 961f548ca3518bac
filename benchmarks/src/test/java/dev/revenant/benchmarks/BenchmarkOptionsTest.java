package dev.revenant.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {
    private static final String[] REQUIRED = {"--revenant", "40000:123", "--rabbitmq", "25690:456",
            "--perftest-lib", "lib", "--out", "out"};

    private static String[] with(String... more) {
        String[] all = new String[REQUIRED.length + more.length];
        System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
        System.arraycopy(more, 0, all, REQUIRED.length, more.length);
        return all;
    }

    @Test
    void readsEndpointsAndFallsBackToTheFullRunSettings() {
        BenchmarkOptions options = BenchmarkOptions.parse(REQUIRED);

        assertThat(options.revenant()).isEqualTo(new BenchmarkOptions.Endpoint(40000, 123));
        assertThat(options.rabbitmq()).isEqualTo(new BenchmarkOptions.Endpoint(25690, 456));
        assertThat(options.perfTestLibrary()).isEqualTo(Path.of("lib"));
        assertThat(options.settings()).isEqualTo(new Settings(5, 20, 10, 1_000_000, 1_000_000, 5_000));
        assertThat(options.scenarios()).isEmpty();
        assertThat(options.docs()).isEmpty();
    }

    @Test
    void readsTheQuickSettingsAScenarioSubsetAndTheDocsTarget() {
        BenchmarkOptions options = BenchmarkOptions.parse(with("--rounds", "1", "--duration", "4", "--warmup", "3",
                "--backlog", "20_000", "--ceiling-messages", "50000", "--latency-rate", "2000", "--scenarios", "S1, S7",
                "--docs", "docs/benchmarks.md", "--docs-chart", "docs/benchmarks/chart.svg", "--label", "quick"));

        assertThat(options.settings()).isEqualTo(new Settings(1, 4, 3, 20_000, 50_000, 2_000));
        assertThat(options.scenarios()).containsExactly("S1", "S7");
        assertThat(options.docs()).contains(Path.of("docs/benchmarks.md"));
        assertThat(options.docsChart()).contains(Path.of("docs/benchmarks/chart.svg"));
        assertThat(options.label()).isEqualTo("quick");
    }

    @Test
    void namesTheMissingOrMalformedOption() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--revenant", "1:2")).hasMessageStartingWith("missing --rabbitmq");
        assertThatThrownBy(() -> BenchmarkOptions.parse(with("--rounds", "many"))).hasMessageContaining("--rounds must be a whole number");
        assertThatThrownBy(() -> BenchmarkOptions.parse(with("--rounds", "0"))).hasMessageContaining("settings must be positive");
        assertThatThrownBy(() -> BenchmarkOptions.parse(with("--bogus", "1"))).hasMessageStartingWith("unknown option --bogus");
        assertThatThrownBy(() -> BenchmarkOptions.parse(with("--rounds"))).hasMessageStartingWith("--rounds needs a value");
        assertThatThrownBy(() -> BenchmarkOptions.parse(with("--docs", "d.md"))).hasMessageStartingWith("--docs and --docs-chart");
        String[] badEndpoint = REQUIRED.clone();
        badEndpoint[1] = "40000";
        assertThatThrownBy(() -> BenchmarkOptions.parse(badEndpoint)).hasMessageContaining("--revenant must be PORT:PID");
    }
}
