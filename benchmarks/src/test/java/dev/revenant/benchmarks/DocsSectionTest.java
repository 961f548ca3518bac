package dev.revenant.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocsSectionTest {

    @Test
    void replacesOnlyTheTextBetweenTheMarkers() {
        String document = "# Benchmarks\n\nMethod.\n\n" + DocsSection.BEGIN + "\nold results\n" + DocsSection.END + "\n\nAfter.\n";

        String updated = DocsSection.replace(document, "new results\n");

        assertThat(updated).isEqualTo("# Benchmarks\n\nMethod.\n\n" + DocsSection.BEGIN + "\nnew results\n"
                + DocsSection.END + "\n\nAfter.\n");
    }

    @Test
    void appendsTheSectionWhenTheDocumentHasNone() {
        String updated = DocsSection.replace("# Benchmarks\n\nMethod.\n\n", "results");

        assertThat(updated).isEqualTo("# Benchmarks\n\nMethod.\n\n" + DocsSection.BEGIN + "\nresults\n" + DocsSection.END + "\n");
    }

    @Test
    void replacingTwiceGivesTheSameDocumentAsReplacingOnce() {
        String once = DocsSection.replace("# B\n", "r");

        assertThat(DocsSection.replace(once, "r")).isEqualTo(once);
    }
}
