package dev.revenant.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicBindingsTest {
    private static final List<String> PATTERNS = List.of("#", "*", "", "a", "a.#", "#.a", "a.*", "*.a", "a.#.b",
            "#.#", "*.#", "#.*", "a..b", "a.*.b", "..", ".", "*.*", "a.", ".a", "#.a.#", "a#", "a*", "*.*.#",
            "#.b.#.c", "a.#.#.b", "#.*.#", "*.*.*");

    /** Which of {@link #PATTERNS} a RabbitMQ 3.10.8 topic exchange routed each key to. */
    private static final Map<String, List<String>> OBSERVED = Map.ofEntries(
            Map.entry("", List.of("#", "", "#.#")),
            Map.entry("a", List.of("#", "*", "a", "a.#", "#.a", "#.#", "*.#", "#.*", "#.a.#", "#.*.#")),
            Map.entry("b", List.of("#", "*", "#.#", "*.#", "#.*", "#.*.#")),
            Map.entry("a.b", List.of("#", "a.#", "a.*", "a.#.b", "#.#", "*.#", "#.*", "*.*", "#.a.#", "*.*.#", "a.#.#.b", "#.*.#")),
            Map.entry("a..b", List.of("#", "a.#", "a.#.b", "#.#", "*.#", "#.*", "a..b", "a.*.b", "#.a.#", "*.*.#", "a.#.#.b", "#.*.#", "*.*.*")),
            Map.entry("a.x.b", List.of("#", "a.#", "a.#.b", "#.#", "*.#", "#.*", "a.*.b", "#.a.#", "*.*.#", "a.#.#.b", "#.*.#", "*.*.*")),
            Map.entry("a.b.c", List.of("#", "a.#", "#.#", "*.#", "#.*", "#.a.#", "*.*.#", "#.b.#.c", "#.*.#", "*.*.*")),
            Map.entry(".", List.of("#", "#.#", "*.#", "#.*", ".", "*.*", "*.*.#", "#.*.#")),
            Map.entry("..", List.of("#", "#.#", "*.#", "#.*", "..", "*.*.#", "#.*.#", "*.*.*")),
            Map.entry("a.", List.of("#", "a.#", "a.*", "#.#", "*.#", "#.*", "*.*", "a.", "#.a.#", "*.*.#", "#.*.#")),
            Map.entry(".a", List.of("#", "#.a", "*.a", "#.#", "*.#", "#.*", "*.*", ".a", "#.a.#", "*.*.#", "#.*.#")),
            Map.entry("a#", List.of("#", "*", "#.#", "*.#", "#.*", "a#", "#.*.#")),
            Map.entry("a*", List.of("#", "*", "#.#", "*.#", "#.*", "a*", "#.*.#")),
            Map.entry("a.a", List.of("#", "a.#", "#.a", "a.*", "*.a", "#.#", "*.#", "#.*", "*.*", "#.a.#", "*.*.#", "#.*.#")),
            Map.entry("x.a.y", List.of("#", "#.#", "*.#", "#.*", "#.a.#", "*.*.#", "#.*.#", "*.*.*")),
            Map.entry("a.b.b.c", List.of("#", "a.#", "#.#", "*.#", "#.*", "#.a.#", "*.*.#", "#.b.#.c", "#.*.#")),
            Map.entry("b.c", List.of("#", "#.#", "*.#", "#.*", "*.*", "*.*.#", "#.b.#.c", "#.*.#")),
            Map.entry("b.x.c", List.of("#", "#.#", "*.#", "#.*", "*.*.#", "#.b.#.c", "#.*.#", "*.*.*")),
            Map.entry("a.x.y.b", List.of("#", "a.#", "a.#.b", "#.#", "*.#", "#.*", "#.a.#", "*.*.#", "a.#.#.b", "#.*.#")),
            Map.entry("a.b.x.b", List.of("#", "a.#", "a.#.b", "#.#", "*.#", "#.*", "#.a.#", "*.*.#", "a.#.#.b", "#.*.#")));

    @Test
    void routesExactlyAsRabbitMqDid() {
        TopicBindings<String> bindings = new TopicBindings<>();
        PATTERNS.forEach(pattern -> bindings.bind(pattern, pattern));
        OBSERVED.forEach((key, expected) -> {
            assertThat(bindings.route(key)).as("key '%s'", key).containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    @Test
    void reportsADestinationOnceEvenWhenManyPatternsMatch() {
        TopicBindings<String> bindings = new TopicBindings<>();
        bindings.bind("#", "q");
        bindings.bind("a.*", "q");
        bindings.bind("#.#.#", "q");
        bindings.bind("a.b", "other");
        List<String> reported = new ArrayList<>();
        bindings.route("a.b", reported::add);
        assertThat(reported).containsExactlyInAnyOrder("q", "other");
        reported.clear();
        bindings.route(List.of("a.b", "c", "a.b"), reported::add);
        assertThat(reported).containsExactlyInAnyOrder("q", "other");
    }

    @Test
    void aPairBoundTwiceStaysUntilBothBindingsGo() {
        TopicBindings<String> bindings = new TopicBindings<>();
        assertThat(bindings.bind("a.*", "q")).isTrue();
        assertThat(bindings.bind("a.*", "q")).isFalse();
        assertThat(bindings.unbind("a.*", "q")).isFalse();
        assertThat(bindings.route("a.b")).containsExactly("q");
        assertThat(bindings.unbind("a.*", "q")).isTrue();
        assertThat(bindings.route("a.b")).isEmpty();
        assertThat(bindings.unbind("a.*", "q")).isFalse();
        assertThat(bindings.size()).isZero();
    }

    @Test
    void unbindingPrunesOnlyWhatIsNoLongerUsed() {
        TopicBindings<String> bindings = new TopicBindings<>();
        bindings.bind("a.b.c", "deep");
        bindings.bind("a.b", "shallow");
        bindings.bind("a.#", "hash");
        bindings.unbind("a.b.c", "deep");
        assertThat(bindings.route("a.b")).containsExactlyInAnyOrder("shallow", "hash");
        assertThat(bindings.route("a.b.c")).containsExactly("hash");
        bindings.unbind("a.b", "shallow");
        bindings.unbind("a.#", "hash");
        assertThat(bindings.route("a.b")).isEmpty();
        bindings.bind("a.b.c", "again");
        assertThat(bindings.route("a.b.c")).containsExactly("again");
    }

    @Test
    void manyHashesDoNotBlowUp() {
        TopicBindings<String> bindings = new TopicBindings<>();
        bindings.bind("#.#.#.#.#.#.#.#.#.#.z", "q");
        String key = String.join(".", java.util.Collections.nCopies(200, "w")) + ".z";
        assertThat(bindings.route(key)).isEqualTo(Set.of("q"));
        assertThat(bindings.route(key + ".y")).isEmpty();
    }
}
