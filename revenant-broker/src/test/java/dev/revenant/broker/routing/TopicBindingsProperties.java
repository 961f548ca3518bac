package dev.revenant.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The trie against a regular-expression oracle that knows nothing about tries. */
class TopicBindingsProperties {

    /** Matches the key's words, each written with a terminator, against the pattern as a regex. */
    static boolean oracle(String pattern, String key) {
        StringBuilder regex = new StringBuilder();
        for (String word : RoutingKeyWords.split(pattern)) {
            regex.append(switch (word) {
                case "*" -> "[^/]*/";
                case "#" -> "(?:[^/]*/)*";
                default -> Pattern.quote(word) + "/";
            });
        }
        StringBuilder subject = new StringBuilder();
        for (String word : RoutingKeyWords.split(key)) {
            subject.append(word).append('/');
        }
        return Pattern.matches(regex.toString(), subject);
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of("a", "b", "", "*", "#", "ab", "a#").list().ofMaxSize(5)
                .map(words -> String.join(".", words));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("a", "b", "", "ab", "*", "#").list().ofMaxSize(6)
                .map(words -> String.join(".", words));
    }

    @Property(tries = 2000)
    void oneBindingRoutesIffTheOracleMatches(@ForAll("patterns") String pattern, @ForAll("keys") String key) {
        TopicBindings<String> bindings = new TopicBindings<>();
        bindings.bind(pattern, "q");
        assertThat(bindings.route(key).contains("q")).as("'%s' vs '%s'", pattern, key).isEqualTo(oracle(pattern, key));
    }

    @Provide
    Arbitrary<List<Map.Entry<String, Integer>>> bindingSets() {
        return Combinators.combine(patterns(), Arbitraries.integers().between(0, 5)).as(Map::entry)
                .list().ofMaxSize(25);
    }

    @Property(tries = 500)
    void manyBindingsRouteToEveryMatchingDestinationOnce(@ForAll("bindingSets") List<Map.Entry<String, Integer>> bound,
            @ForAll("keys") String key) {
        TopicBindings<Integer> bindings = new TopicBindings<>();
        bound.forEach(entry -> bindings.bind(entry.getKey(), entry.getValue()));
        Set<Integer> expected = new HashSet<>();
        bound.stream().filter(entry -> oracle(entry.getKey(), key)).forEach(entry -> expected.add(entry.getValue()));
        List<Integer> reported = new ArrayList<>();
        bindings.route(key, reported::add);
        assertThat(reported).doesNotHaveDuplicates();
        assertThat(new HashSet<>(reported)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<Map.Entry<Boolean, Map.Entry<String, Integer>>>> operations() {
        Arbitrary<Map.Entry<String, Integer>> binding = Combinators
                .combine(Arbitraries.of("a.*", "#", "a.#", "*.b", "a.b", "", "#.b.#"), Arbitraries.integers().between(0, 3))
                .as(Map::entry);
        return Combinators.combine(Arbitraries.of(true, false), binding).as(Map::entry).list().ofMaxSize(40);
    }

    @Property(tries = 500)
    void bindAndUnbindAgreeWithACountingModel(@ForAll("operations") List<Map.Entry<Boolean, Map.Entry<String, Integer>>> ops,
            @ForAll("keys") String key) {
        TopicBindings<Integer> bindings = new TopicBindings<>();
        Map<Map.Entry<String, Integer>, Integer> model = new HashMap<>();
        for (Map.Entry<Boolean, Map.Entry<String, Integer>> op : ops) {
            Map.Entry<String, Integer> pair = op.getValue();
            if (op.getKey()) {
                boolean wasAbsent = !model.containsKey(pair);
                assertThat(bindings.bind(pair.getKey(), pair.getValue())).isEqualTo(wasAbsent);
                model.merge(pair, 1, Integer::sum);
            } else {
                boolean last = model.getOrDefault(pair, 0) == 1;
                assertThat(bindings.unbind(pair.getKey(), pair.getValue())).isEqualTo(last);
                model.computeIfPresent(pair, (k, n) -> n == 1 ? null : n - 1);
            }
        }
        Set<Integer> expected = new HashSet<>();
        model.keySet().stream().filter(pair -> oracle(pair.getKey(), key)).forEach(pair -> expected.add(pair.getValue()));
        assertThat(bindings.route(key)).isEqualTo(expected);
        assertThat(bindings.size()).isEqualTo(model.size());
    }
}
