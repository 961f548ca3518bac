package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathSegmentsTest {

    @Test
    void anEncodedSlashStaysInsideItsSegment() {
        assertThat(PathSegments.of("/api/queues/%2F/orders")).containsExactly("api", "queues", "/", "orders");
        assertThat(PathSegments.of("/api/queues/%2f")).containsExactly("api", "queues", "/");
    }

    @Test
    void decodesUtf8AndKeepsPlusSigns() {
        assertThat(PathSegments.of("/api/queues/%2F/caf%C3%A9+bar%20baz")).containsExactly("api", "queues", "/", "café+bar baz");
    }

    @Test
    void dropsEmptySegments() {
        assertThat(PathSegments.of("//api///queues/")).containsExactly("api", "queues");
        assertThat(PathSegments.of("/")).isEmpty();
    }

    @Test
    void refusesMalformedEscapesAndInvalidUtf8With400() {
        for (String bad : new String[] {"/api/%", "/api/%2", "/api/%G0", "/api/%C3%28"}) {
            assertThatThrownBy(() -> PathSegments.of(bad)).as(bad).isInstanceOfSatisfying(ApiError.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
