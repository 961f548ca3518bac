package dev.revenant.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectAndFanoutBindingsTest {

    @Test
    void directRoutesByExactKeyOnly() {
        DirectBindings<String> bindings = new DirectBindings<>();
        bindings.bind("order.paid", "fulfillment");
        bindings.bind("order.paid", "audit");
        bindings.bind("", "empty-key");
        assertThat(bindings.route("order.paid")).containsExactlyInAnyOrder("fulfillment", "audit");
        assertThat(bindings.route("order.*")).isEmpty();
        assertThat(bindings.route("")).containsExactly("empty-key");
        assertThat(bindings.route("Order.paid")).isEmpty();
        assertThatThrownBy(() -> bindings.route("order.paid").add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void directReportsEachDestinationOnceAcrossSenderSelectedKeys() {
        DirectBindings<String> bindings = new DirectBindings<>();
        bindings.bind("k1", "q");
        bindings.bind("cc1", "q");
        bindings.bind("cc1", "other");
        List<String> reported = new ArrayList<>();
        bindings.route(List.of("k1", "cc1", "bcc-none"), reported::add);
        assertThat(reported).containsExactlyInAnyOrder("q", "other");
    }

    @Test
    void directCountsBindingsOfTheSamePair() {
        DirectBindings<String> bindings = new DirectBindings<>();
        assertThat(bindings.bind("k", "q")).isTrue();
        assertThat(bindings.bind("k", "q")).isFalse();
        assertThat(bindings.size()).isEqualTo(1);
        assertThat(bindings.unbind("k", "q")).isFalse();
        assertThat(bindings.route("k")).containsExactly("q");
        assertThat(bindings.unbind("k", "q")).isTrue();
        assertThat(bindings.route("k")).isEmpty();
        assertThat(bindings.unbind("k", "q")).isFalse();
        assertThat(bindings.unbind("never", "q")).isFalse();
    }

    @Test
    void fanoutRoutesToEveryDestinationUntilItsLastBindingGoes() {
        FanoutBindings<String> bindings = new FanoutBindings<>();
        assertThat(bindings.bind("a")).isTrue();
        assertThat(bindings.bind("b")).isTrue();
        assertThat(bindings.bind("a")).isFalse();
        assertThat(bindings.route()).containsExactlyInAnyOrder("a", "b");
        assertThat(bindings.unbind("a")).isFalse();
        assertThat(bindings.route()).containsExactlyInAnyOrder("a", "b");
        assertThat(bindings.unbind("a")).isTrue();
        assertThat(bindings.route()).containsExactly("b");
        assertThat(bindings.unbind("zzz")).isFalse();
    }
}
