package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private final Routes.Endpoint show = r -> ApiResponse.ok("show");
    private final Routes.Endpoint declare = r -> ApiResponse.created(null);
    private final Routes.Endpoint peek = r -> ApiResponse.ok("peek");
    private final Routes routes = new Routes()
            .add("GET", "api/queues/{vhost}/{name}", show)
            .add("PUT", "api/queues/{vhost}/{name}", declare)
            .add("POST", "api/queues/{vhost}/{name}/get", peek);

    @Test
    void capturesNamedSegments() {
        Routes.Match match = routes.match("GET", List.of("api", "queues", "/", "orders"));
        assertThat(match.endpoint()).isSameAs(show);
        assertThat(match.parameters()).isEqualTo(Map.of("vhost", "/", "name", "orders"));
    }

    @Test
    void literalSegmentsOnlyMatchThemselvesAndAQueueMayBeCalledGet() {
        assertThat(routes.match("PUT", List.of("api", "queues", "/", "get")).endpoint()).isSameAs(declare);
        Routes.Match peekOfGet = routes.match("POST", List.of("api", "queues", "/", "get", "get"));
        assertThat(peekOfGet.endpoint()).isSameAs(peek);
        assertThat(peekOfGet.parameters()).containsEntry("name", "get");
    }

    @Test
    void aKnownPathWithAnotherMethodIs405ListingTheAllowedOnes() {
        assertThatThrownBy(() -> routes.match("DELETE", List.of("api", "queues", "/", "orders")))
                .isInstanceOfSatisfying(Routes.MethodNotAllowed.class, e -> assertThat(e.allowHeader()).isEqualTo("GET, PUT"));
    }

    @Test
    void anUnknownPathIs404() {
        assertThatThrownBy(() -> routes.match("GET", List.of("api", "queues", "/", "orders", "x", "y")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> routes.match("GET", List.of("api", "exchanges", "/", "orders")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
