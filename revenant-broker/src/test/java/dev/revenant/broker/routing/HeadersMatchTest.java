package dev.revenant.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case below was published through a headers exchange on RabbitMQ 3.10.8 with the same outcome. */
class HeadersMatchTest {

    static Map<String, Object> t(Object... keysAndValues) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            table.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return table;
    }

    static Stream<Arguments> observed() {
        byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("all, empty binding, no headers", t(), null, true),
                Arguments.of("all, empty binding, some headers", t(), t("a", 1), true),
                Arguments.of("any, empty binding", t("x-match", "any"), t("a", 1), false),
                Arguments.of("any, empty binding, no headers", t("x-match", "any"), null, false),
                Arguments.of("all-with-x, empty binding", t("x-match", "all-with-x"), t("a", 1), true),
                Arguments.of("any-with-x, empty binding", t("x-match", "any-with-x"), t("a", 1), false),
                Arguments.of("all, every key matches", t("a", 1, "b", "x"), t("a", 1, "b", "x", "c", 3), true),
                Arguments.of("all, one key missing", t("a", 1, "b", "x"), t("a", 1), false),
                Arguments.of("any, one key matches", t("x-match", "any", "a", 1, "b", "x"), t("a", 1), true),
                Arguments.of("any, no key matches", t("x-match", "any", "a", 1, "b", "x"), t("a", 2), false),
                Arguments.of("int vs long", t("a", 1), t("a", 1L), true),
                Arguments.of("int vs short", t("a", 1), t("a", (short) 1), true),
                Arguments.of("int vs byte", t("a", 1), t("a", (byte) 1), true),
                Arguments.of("int vs double", t("a", 1), t("a", 1.0d), true),
                Arguments.of("int vs float", t("a", 1), t("a", 1.0f), true),
                Arguments.of("double vs float 0.5", t("a", 0.5d), t("a", 0.5f), true),
                Arguments.of("double vs float 0.1", t("a", 0.1d), t("a", 0.1f), false),
                Arguments.of("int vs timestamp", t("a", 1), t("a", Instant.ofEpochSecond(1)), true),
                Arguments.of("int vs decimal", t("a", 1), t("a", new BigDecimal("1")), false),
                Arguments.of("decimal vs same decimal", t("a", new BigDecimal("1.5")), t("a", new BigDecimal("1.5")), true),
                Arguments.of("decimal vs other scale", t("a", new BigDecimal("1.5")), t("a", new BigDecimal("1.50")), false),
                Arguments.of("int vs string", t("a", 1), t("a", "1"), false),
                Arguments.of("string vs bytes", t("a", "abc"), t("a", abc), true),
                Arguments.of("bool vs int", t("a", true), t("a", 1), false),
                Arguments.of("bool vs bool", t("a", true), t("a", true), true),
                Arguments.of("bool vs string", t("a", true), t("a", "true"), false),
                Arguments.of("void binding, header present", t("a", null), t("a", 5), true),
                Arguments.of("void binding, void header", t("a", null), t("a", null), true),
                Arguments.of("void binding, header absent", t("a", null), t("b", 1), false),
                Arguments.of("any with void binding", t("x-match", "any", "a", null, "b", 1), t("a", "q"), true),
                Arguments.of("binding int, header void", t("a", 1), t("a", null), false),
                Arguments.of("equal arrays", t("a", List.of(1, "x")), t("a", List.of(1, "x")), true),
                Arguments.of("array int vs long", t("a", List.of(1)), t("a", List.of(1L)), false),
                Arguments.of("equal tables", t("a", t("k", 1)), t("a", t("k", 1)), true),
                Arguments.of("tables in other order", t("a", t("k", 1, "j", 2)), t("a", t("j", 2, "k", 1)), false),
                Arguments.of("table int vs long", t("a", t("k", 1)), t("a", t("k", 1L)), false),
                Arguments.of("all ignores x- binding keys", t("a", 1, "x-foo", 2), t("a", 1), true),
                Arguments.of("all, x- header irrelevant", t("a", 1), t("a", 1, "x-foo", 2), true),
                Arguments.of("all-with-x needs x- keys", t("x-match", "all-with-x", "a", 1, "x-foo", 2), t("a", 1), false),
                Arguments.of("all-with-x, x- key present", t("x-match", "all-with-x", "a", 1, "x-foo", 2), t("a", 1, "x-foo", 2), true),
                Arguments.of("any, only x- key matches", t("x-match", "any", "a", 1, "x-foo", 2), t("x-foo", 2), false),
                Arguments.of("any-with-x, only x- key matches", t("x-match", "any-with-x", "a", 1, "x-foo", 2), t("x-foo", 2), true),
                Arguments.of("any, only x- binding keys", t("x-match", "any", "x-foo", 2), t("x-foo", 2), false),
                Arguments.of("all, only x- binding keys, no headers", t("x-foo", 2), null, true),
                Arguments.of("all-with-x, x-match header", t("x-match", "all-with-x"), t("x-match", "all-with-x"), true),
                Arguments.of("any-with-x never matches x-match", t("x-match", "any-with-x", "a", 9), t("x-match", "any-with-x"), false),
                Arguments.of("keys are case-sensitive", t("A", 1), t("a", 1), false),
                Arguments.of("x-match header does not change mode", t("x-match", "any", "a", 1), t("a", 1, "x-match", "all"), true),
                Arguments.of("arrays such as CC", t("CC", List.of("k")), t("CC", List.of("k")), true),
                Arguments.of("all-with-x, void x- binding", t("x-match", "all-with-x", "x-a", null), t("x-a", 1), true),
                Arguments.of("large long vs nearest double", t("a", 9_007_199_254_740_993L), t("a", 9_007_199_254_740_992.0d), false),
                Arguments.of("-0.0 vs 0", t("a", 0), t("a", -0.0d), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("observed")
    void matchesAsRabbitMqRouted(String label, Map<String, Object> binding, Map<String, Object> headers, boolean routed) {
        assertThat(HeadersMatch.matches(binding, headers)).isEqualTo(routed);
    }

    @Test
    void refusesABadXMatchWithRabbitMqText() {
        assertThatThrownBy(() -> HeadersMatch.compile(t("x-match", "foo", "a", 1)))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessage("PRECONDITION_FAILED - Invalid x-match field value <<\"foo\">>; expected all, any, all-with-x, or any-with-x");
        assertThatThrownBy(() -> HeadersMatch.compile(t("x-match", "ALL")))
                .hasMessage("PRECONDITION_FAILED - Invalid x-match field value <<\"ALL\">>; expected all, any, all-with-x, or any-with-x");
        assertThatThrownBy(() -> HeadersMatch.compile(t("x-match", 1)))
                .hasMessage("PRECONDITION_FAILED - Invalid x-match field type signedint (value 1); expected longstr");
        assertThatThrownBy(() -> HeadersMatch.compile(t("x-match", null)))
                .hasMessage("PRECONDITION_FAILED - Invalid x-match field type void (value undefined); expected longstr");
        assertThatThrownBy(() -> HeadersMatch.compile(t("x-match", "any".getBytes(StandardCharsets.UTF_8))))
                .hasMessage("PRECONDITION_FAILED - Invalid x-match field type binary (value <<\"any\">>); expected longstr");
    }

    @Test
    void compiledBindingKnowsItsMode() {
        assertThat(HeadersMatch.compile(null).mode()).isEqualTo(HeadersMatch.Mode.ALL);
        assertThat(HeadersMatch.compile(t("x-match", "any-with-x")).mode()).isEqualTo(HeadersMatch.Mode.ANY_WITH_X);
        assertThat(HeadersMatch.compile(t("x-match", "any-with-x")).mode().wireName()).isEqualTo("any-with-x");
    }
}
