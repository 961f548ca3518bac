package dev.revenant.broker.deadletter;

import static dev.revenant.broker.deadletter.XDeathTest.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeathHistoryTest {
    private static final Instant T = Instant.ofEpochSecond(1_800_000_000L);

    @Test
    void readsBackWhatXDeathWrote() {
        Map<String, Object> h = XDeath.record(null, new Death("orders", DeadLetterReason.REJECTED, "shop", List.of("order.paid", "cc"), T, "60000"));
        h = XDeath.record(h, new Death("orders.dlq", DeadLetterReason.EXPIRED, "dlx", List.of("order.paid"), T.plusSeconds(1), null));
        List<DeathEntry> entries = DeathHistory.entries(h);
        assertThat(entries).containsExactly(
                new DeathEntry("orders.dlq", "expired", 1, Optional.of("dlx"), List.of("order.paid"), Optional.of(T.plusSeconds(1)), Optional.empty()),
                new DeathEntry("orders", "rejected", 1, Optional.of("shop"), List.of("order.paid", "cc"), Optional.of(T), Optional.of("60000")));
        assertThat(entries.get(0).knownReason()).hasValue(DeadLetterReason.EXPIRED);
        assertThat(DeathHistory.origin(h)).hasValue(new DeathHistory.Origin("orders", "shop", List.of("order.paid", "cc")));
    }

    @Test
    void isLenientWithForeignHeaders() {
        assertThat(DeathHistory.entries(null)).isEmpty();
        assertThat(DeathHistory.entries(t("x-death", "nope"))).isEmpty();
        Map<String, Object> foreign = t("x-death", List.of(7, t("queue", "q".getBytes(), "reason", "moved", "time", new Date(5000),
                "routing-keys", List.of("a", 1))));
        assertThat(DeathHistory.entries(foreign)).containsExactly(
                new DeathEntry("q", "moved", 1, Optional.empty(), List.of("a"), Optional.of(Instant.ofEpochSecond(5)), Optional.empty()));
        assertThat(DeathHistory.entries(foreign).get(0).knownReason()).isEmpty();
        assertThat(DeathHistory.origin(t("app", 1))).isEmpty();
        assertThat(DeathHistory.origin(t("x-first-death-queue", "q", "x-first-death-exchange", "e")))
                .hasValue(new DeathHistory.Origin("q", "e", List.of()));
    }
}
