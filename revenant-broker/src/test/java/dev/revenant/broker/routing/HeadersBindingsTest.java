package dev.revenant.broker.routing;

import static dev.revenant.broker.routing.HeadersMatchTest.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import org.junit.jupiter.api.Test;

class HeadersBindingsTest {

    @Test
    void routesEachMatchingDestinationOnce() {
        HeadersBindings<String> bindings = new HeadersBindings<>();
        bindings.bind(t("type", "order"), "orders");
        bindings.bind(t("x-match", "any", "type", "order", "region", "eu"), "orders");
        bindings.bind(t("region", "eu"), "eu");
        bindings.bind(null, "everything");
        assertThat(bindings.route(t("type", "order", "region", "eu"))).containsExactlyInAnyOrder("orders", "eu", "everything");
        assertThat(bindings.route(t("region", "us"))).containsExactly("everything");
        assertThat(bindings.route((java.util.Map<String, Object>) null)).containsExactly("everything");
    }

    @Test
    void equalArgumentsToTheSameDestinationAreOneBinding() {
        HeadersBindings<String> bindings = new HeadersBindings<>();
        assertThat(bindings.bind(t("a", 1, "b", "x"), "q")).isTrue();
        assertThat(bindings.bind(t("b", "x", "a", 1), "q")).isFalse();
        assertThat(bindings.bind(t("a", 1L, "b", "x"), "q")).isTrue();
        assertThat(bindings.size()).isEqualTo(2);
        assertThat(bindings.unbind(t("b", "x", "a", 1), "q")).isTrue();
        assertThat(bindings.unbind(t("b", "x", "a", 1), "q")).isFalse();
        assertThat(bindings.route(t("a", 1, "b", "x"))).containsExactly("q");
    }

    @Test
    void refusesABadXMatchAndKeepsTheRest() {
        HeadersBindings<String> bindings = new HeadersBindings<>();
        bindings.bind(t("a", 1), "q");
        assertThatThrownBy(() -> bindings.bind(t("x-match", "most"), "q")).isInstanceOf(PreconditionFailedException.class);
        assertThat(bindings.size()).isEqualTo(1);
    }
}
