package dev.revenant.broker.deadletter;

import static dev.revenant.broker.deadletter.XDeathTest.deaths;
import static dev.revenant.broker.deadletter.XDeathTest.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing and header effects as observed on RabbitMQ 3.10.8. */
class DeadLetterPublicationTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    @Test
    void withoutADeadLetterRoutingKeyTheCarriedKeysIncludingCcAreUsed() {
        DeadLetterSource source = new DeadLetterSource("q1", "orig", "k1", t("CC", List.of("cc1"), "app", "v"), null);
        DeadLetterPublication copy = DeadLetterPublication.of(source, DeadLetterReason.REJECTED, "dlx", null, NOW);
        assertThat(copy.exchange()).isEqualTo("dlx");
        assertThat(copy.routingKeys()).containsExactly("k1", "cc1");
        assertThat(copy.routingKey()).isEqualTo("k1");
        assertThat(copy.headers()).containsEntry("CC", List.of("cc1"));
        assertThat(deaths(copy.headers()).get(0)).containsEntry("routing-keys", List.of("k1", "cc1"))
                .containsEntry("exchange", "orig");
    }

    @Test
    void aDeadLetterRoutingKeyReplacesTheKeysAndDropsCc() {
        DeadLetterSource source = new DeadLetterSource("q3", "", "q3", t("CC", List.of("zz")), "300");
        DeadLetterPublication copy = DeadLetterPublication.of(source, DeadLetterReason.EXPIRED, "", "q4", NOW);
        assertThat(copy.routingKeys()).containsExactly("q4");
        assertThat(copy.headers()).doesNotContainKey("CC");
        assertThat(deaths(copy.headers()).get(0)).containsEntry("routing-keys", List.of("q3", "zz"))
                .containsEntry("original-expiration", "300").containsEntry("exchange", "");
        assertThat(copy.headers()).containsEntry("x-first-death-exchange", "");
    }

    @Test
    void bccNeverTravelsWithTheCopy() {
        DeadLetterSource source = new DeadLetterSource("q", "e", "k", t("BCC", List.of("b")), null);
        DeadLetterPublication copy = DeadLetterPublication.of(source, DeadLetterReason.REJECTED, "d", null, NOW);
        assertThat(copy.headers()).doesNotContainKey("BCC");
        assertThat(copy.routingKeys()).containsExactly("k");
    }

    @Test
    void theSourceHeadersAreLeftAlone() {
        Map<String, Object> stored = t("CC", List.of("c"));
        DeadLetterPublication.of(new DeadLetterSource("q", "e", "k", stored, null), DeadLetterReason.MAXLEN, "d", "r", NOW);
        assertThat(stored).containsOnlyKeys("CC");
    }
}
