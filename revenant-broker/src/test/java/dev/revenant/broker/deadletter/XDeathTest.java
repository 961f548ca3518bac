package dev.revenant.broker.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The layouts below were read off the wire (through a recording proxy) from RabbitMQ 3.10.8
 * dead-lettering a message Q1 -rejected-> Q2 -expired-> Q1 -rejected-> Q2 -expired-> Q1;
 * {@code x-last-death-*} is the 3.13+ addition.
 */
class XDeathTest {
    private static final Instant T1 = Instant.ofEpochSecond(1_795_602_783L);
    private static final Instant T2 = Instant.ofEpochSecond(1_795_602_784L);

    static Map<String, Object> t(Object... keysAndValues) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            table.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return table;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> deaths(Map<String, Object> headers) {
        return (List<Map<String, Object>>) headers.get("x-death");
    }

    @Test
    void firstDeathWritesAnUnsortedEntryTheFirstAndLastDeathHeadersAndSortsTheTable() {
        Map<String, Object> published = t("zeta", 1, "alpha", 2, "x-first-death-queue", "preset");
        Map<String, Object> headers = XDeath.record(published,
                new Death("q1", DeadLetterReason.REJECTED, "orig", List.of("k1"), T1.plusMillis(999), null));

        assertThat(headers.keySet()).containsExactly("alpha", "x-death", "x-first-death-exchange", "x-first-death-queue",
                "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason", "zeta");
        assertThat(headers).containsEntry("x-first-death-queue", "q1").containsEntry("x-first-death-reason", "rejected")
                .containsEntry("x-first-death-exchange", "orig").containsEntry("x-last-death-queue", "q1");
        Map<String, Object> entry = deaths(headers).get(0);
        assertThat(entry.keySet()).containsExactly("count", "reason", "queue", "time", "exchange", "routing-keys");
        assertThat(entry).isEqualTo(t("count", 1L, "reason", "rejected", "queue", "q1", "time", T1, "exchange", "orig",
                "routing-keys", List.of("k1")));
        assertThat(published).containsOnlyKeys("zeta", "alpha", "x-first-death-queue");
    }

    @Test
    void laterDeathsAddSortedEntriesInFrontAndIncrementRepeats() {
        Map<String, Object> h = XDeath.record(t("zeta", 1, "alpha", 2),
                new Death("q1", DeadLetterReason.REJECTED, "orig", List.of("k1"), T1, null));
        h = XDeath.record(h, new Death("q2", DeadLetterReason.EXPIRED, "dlx", List.of("k1"), T2, null));

        assertThat(deaths(h)).hasSize(2);
        assertThat(deaths(h).get(0).keySet()).containsExactly("count", "exchange", "queue", "reason", "routing-keys", "time");
        assertThat(deaths(h).get(0)).containsEntry("queue", "q2").containsEntry("exchange", "dlx").containsEntry("time", T2);
        assertThat(deaths(h).get(1).keySet()).containsExactly("count", "reason", "queue", "time", "exchange", "routing-keys");
        assertThat(h).containsEntry("x-first-death-queue", "q1").containsEntry("x-last-death-queue", "q2")
                .containsEntry("x-last-death-reason", "expired").containsEntry("x-last-death-exchange", "dlx");

        // Back in q1 the message now came through another exchange; the repeat keeps the first one's fields.
        h = XDeath.record(h, new Death("q1", DeadLetterReason.REJECTED, "dlx2", List.of("back"), T2.plusSeconds(5), null));
        assertThat(deaths(h).get(0)).isEqualTo(t("count", 2L, "exchange", "orig", "queue", "q1", "reason", "rejected",
                "routing-keys", List.of("k1"), "time", T1));
        assertThat(deaths(h).get(0).keySet()).containsExactly("count", "exchange", "queue", "reason", "routing-keys", "time");
        assertThat(deaths(h).get(1)).containsEntry("queue", "q2").containsEntry("count", 1L);
        assertThat(h).containsEntry("x-first-death-exchange", "orig").containsEntry("x-last-death-exchange", "dlx2");

        h = XDeath.record(h, new Death("q2", DeadLetterReason.EXPIRED, "dlx", List.of("back"), T2.plusSeconds(9), null));
        assertThat(deaths(h)).extracting(d -> d.get("queue") + "/" + d.get("count")).containsExactly("q2/2", "q1/2");
        assertThat(h.keySet()).containsExactly("alpha", "x-death", "x-first-death-exchange", "x-first-death-queue",
                "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason", "zeta");
    }

    @Test
    void aDifferentReasonFromTheSameQueueIsItsOwnEntry() {
        Map<String, Object> h = XDeath.record(null, new Death("q", DeadLetterReason.REJECTED, "", List.of("q"), T1, null));
        h = XDeath.record(h, new Death("q", DeadLetterReason.EXPIRED, "", List.of("q"), T2, null));
        assertThat(deaths(h)).extracting(d -> d.get("reason")).containsExactly("expired", "rejected");
        assertThat(h).containsEntry("x-first-death-reason", "rejected").containsEntry("x-last-death-reason", "expired");
    }

    @Test
    void recordsTheOriginalExpirationLastInTheFirstEntryAndSortedLater() {
        Map<String, Object> h = XDeath.record(t("CC", List.of("cc1"), "app", "v"), new Death("q1", DeadLetterReason.REJECTED,
                "orig", List.of("k1", "cc1"), T1, "100000"));
        assertThat(deaths(h).get(0).keySet()).containsExactly("count", "reason", "queue", "time", "exchange",
                "routing-keys", "original-expiration");
        assertThat(deaths(h).get(0)).containsEntry("original-expiration", "100000")
                .containsEntry("routing-keys", List.of("k1", "cc1"));
        h = XDeath.record(h, new Death("q2", DeadLetterReason.EXPIRED, "dlx", List.of("k1", "cc1"), T2, "5"));
        assertThat(deaths(h).get(0).keySet()).containsExactly("count", "exchange", "original-expiration", "queue",
                "reason", "routing-keys", "time");
    }

    @Test
    void toleratesForeignOrDamagedHistories() {
        Map<String, Object> notAnArray = XDeath.record(t("x-death", "garbage", "x-first-death-queue", "old"),
                new Death("q", DeadLetterReason.MAXLEN, "", List.of("q"), T1, null));
        assertThat(deaths(notAnArray)).hasSize(1);
        assertThat(notAnArray).containsEntry("x-first-death-queue", "q");

        List<Object> odd = List.of("not a table", t("queue", "q", "reason", "maxlen"), t("queue", "q", "reason", "maxlen", "count", 7L));
        Map<String, Object> h = XDeath.record(t("x-death", odd), new Death("q", DeadLetterReason.MAXLEN, "", List.of("q"), T1, null));
        assertThat(deaths(h)).hasSize(2);
        assertThat(deaths(h).get(0)).containsEntry("count", 2L);
        assertThat(h).doesNotContainKey("x-first-death-queue");
        assertThat(h).containsEntry("x-last-death-reason", "maxlen");

        Map<String, Object> binaryNames = XDeath.record(t("x-death", List.of(t("queue", "q".getBytes(), "reason",
                "expired".getBytes(), "count", 3))), new Death("q", DeadLetterReason.EXPIRED, "", List.of("q"), T1, null));
        assertThat(deaths(binaryNames)).hasSize(1);
        assertThat(deaths(binaryNames).get(0)).containsEntry("count", 4L);
    }

    @Test
    void reasonsHaveRabbitMqWireNames() {
        assertThat(DeadLetterReason.values()).extracting(DeadLetterReason::wireName)
                .containsExactly("rejected", "expired", "maxlen", "delivery_limit");
        assertThat(DeadLetterReason.fromWireName("delivery_limit")).hasValue(DeadLetterReason.DELIVERY_LIMIT);
        assertThat(DeadLetterReason.fromWireName("REJECTED")).isEmpty();
    }
}
