package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables cross the official Java client's codec (ValueWriter / ValueReader) and ours in both directions, every type included. */
class FieldCodecCompatibilityTest {

    @Test
    void everyTypeTheClientWritesDecodesToItsContractType() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("deeper", new Object[] {1, "x"});
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("true", true);
        client.put("false", false);
        client.put("byte", (byte) -128);
        client.put("short", (short) -2);
        client.put("int", Integer.MIN_VALUE);
        client.put("long", Long.MAX_VALUE);
        client.put("float", Float.NaN);
        client.put("double", Double.NEGATIVE_INFINITY);
        client.put("decimal", new BigDecimal("3.14159"));
        client.put("timestamp", new Date(1_700_000_000_999L));
        client.put("string", "héllo");
        client.put("longstring", LongStringHelper.asLongString("raw"));
        client.put("bytes", new byte[] {1, 2, (byte) 255});
        client.put("list", List.of(1, "two", List.of()));
        client.put("objectArray", new Object[] {3L, null});
        client.put("table", nested);
        client.put("void", null);

        Map<String, Object> ours = OfficialClientTables.ourReads(OfficialClientTables.clientWrites(client));

        assertThat(new ArrayList<>(ours.keySet())).containsExactlyElementsOf(client.keySet());
        assertThat(ours.get("true")).isEqualTo(Boolean.TRUE);
        assertThat(ours.get("false")).isEqualTo(Boolean.FALSE);
        assertThat(ours.get("byte")).isEqualTo((byte) -128);
        assertThat(ours.get("short")).isEqualTo((short) -2);
        assertThat(ours.get("int")).isEqualTo(Integer.MIN_VALUE);
        assertThat(ours.get("long")).isEqualTo(Long.MAX_VALUE);
        assertThat(ours.get("float")).isEqualTo(Float.NaN);
        assertThat(ours.get("double")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ours.get("decimal")).isEqualTo(new BigDecimal("3.14159"));
        assertThat(ours.get("timestamp")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(ours.get("string")).isEqualTo("héllo");
        assertThat(ours.get("longstring")).isEqualTo("raw");
        assertThat((byte[]) ours.get("bytes")).containsExactly(1, 2, -1);
        assertThat(ours.get("list")).isEqualTo(List.of(1, "two", List.of()));
        assertThat(ours.get("objectArray")).isEqualTo(java.util.Arrays.asList(3L, null));
        assertThat(FieldValues.comparable(ours.get("table"))).isEqualTo(Map.of("deeper", List.of(1, "x")));
        assertThat(ours).containsEntry("void", null);
    }

    @Test
    void everyContractTypeWeWriteIsReadByTheClientAsTheSameValue() {
        Map<String, Object> ours = MethodRoundTripTest.everyFieldType();
        ours.put("float", -0.0f);
        ours.put("NaN", Double.NaN);

        Map<String, Object> client = OfficialClientTables.clientReads(OfficialClientTables.ourWrites(ours));

        assertThat(client).hasSameSizeAs(ours);
        assertThat(client.get("bool")).isEqualTo(true);
        assertThat(client.get("byte")).isEqualTo((byte) -1);
        assertThat(client.get("short")).isEqualTo(Short.MIN_VALUE);
        assertThat(client.get("int")).isEqualTo(Integer.MAX_VALUE);
        assertThat(client.get("long")).isEqualTo(Long.MIN_VALUE);
        assertThat(client.get("float")).isEqualTo(-0.0f);
        assertThat(client.get("NaN")).isEqualTo(Double.NaN);
        assertThat(client.get("double")).isEqualTo(-0.0);
        assertThat(client.get("decimal")).isEqualTo(new BigDecimal("-123.4567"));
        assertThat(client.get("string")).isInstanceOf(LongString.class).hasToString("ünïcødé ✓");
        assertThat((byte[]) client.get("bytes")).containsExactly(0, -1);
        assertThat(client.get("array")).isEqualTo(java.util.Arrays.asList(1L, null, false));
        assertThat(client.get("timestamp")).isEqualTo(new Date(1_700_000_000_000L));
        assertThat(FieldValues.comparable(OfficialClientCodec.fromClientValue(client.get("table"))))
                .isEqualTo(Map.of("inner", List.of(1, "two", new FieldValues.Bytes("03"))));
        assertThat(client).containsEntry("void", null);
    }

    @Test
    void bothCodecsWriteTheSameBytesForTheSameTable() {
        Map<String, Object> ours = MethodRoundTripTest.everyFieldType();
        @SuppressWarnings("unchecked")
        Map<String, Object> client = (Map<String, Object>) OfficialClientCodec.toClientValue(ours);
        assertThat(OfficialClientTables.ourWrites(ours)).isEqualTo(OfficialClientTables.clientWrites(client));
    }
}
