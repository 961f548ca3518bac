package dev.revenant.broker.routing;

import static dev.revenant.broker.routing.HeadersMatchTest.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour observed on RabbitMQ 3.10.8 by publishing with CC/BCC headers. */
class SenderSelectedDistributionTest {

    @Test
    void ccAndBccAddTheirStringElementsAsRoutingKeys() {
        assertThat(SenderSelectedDistribution.routingKeys("k1", t("CC", List.of("cc1", "cc2"), "BCC", List.of("bcc1"))))
                .containsExactly("k1", "cc1", "cc2", "bcc1");
        assertThat(SenderSelectedDistribution.routingKeys("k1", null)).containsExactly("k1");
        assertThat(SenderSelectedDistribution.routingKeys("k1", t("CC", List.of())) ).containsExactly("k1");
    }

    @Test
    void otherElementsAndHeaderNamesAreIgnored() {
        byte[] binary = "b".getBytes(StandardCharsets.UTF_8);
        assertThat(SenderSelectedDistribution.routingKeys("k", t("CC", List.of(1, "a", binary, List.of("n")))))
                .containsExactly("k", "a");
        assertThat(SenderSelectedDistribution.routingKeys("k", t("cc", List.of("a"), "Bcc", List.of("b"))))
                .containsExactly("k");
    }

    @Test
    void refusesCcOrBccThatIsNotAnArray() {
        assertThatThrownBy(() -> SenderSelectedDistribution.routingKeys("k", t("CC", "a")))
                .hasMessage("PRECONDITION_FAILED - invalid message: {unacceptable_type_in_header,\"CC\",longstr}");
        assertThatThrownBy(() -> SenderSelectedDistribution.routingKeys("k", t("BCC", "a")))
                .hasMessage("PRECONDITION_FAILED - invalid message: {unacceptable_type_in_header,\"BCC\",longstr}");
        assertThatThrownBy(() -> SenderSelectedDistribution.routingKeys("k", t("CC", null)))
                .hasMessage("PRECONDITION_FAILED - invalid message: {unacceptable_type_in_header,\"CC\",void}");
    }

    @Test
    void bccIsRemovedBeforeStorageAndCcKept() {
        Map<String, Object> headers = t("CC", List.of("c"), "BCC", List.of("b"), "app", "v");
        Map<String, Object> stored = SenderSelectedDistribution.withoutBcc(headers);
        assertThat(stored).containsOnlyKeys("CC", "app");
        assertThat(headers).containsKey("BCC");
        Map<String, Object> plain = t("app", "v");
        assertThat(SenderSelectedDistribution.withoutBcc(plain)).isSameAs(plain);
        assertThat(SenderSelectedDistribution.storedRoutingKeys("k1", stored)).containsExactly("k1", "c");
        assertThat(SenderSelectedDistribution.storedRoutingKeys("k1", t("CC", "not-an-array"))).containsExactly("k1");
    }
}
