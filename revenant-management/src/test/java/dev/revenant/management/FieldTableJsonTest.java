package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldTableJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rendersEveryFieldTableTypeAsRabbitMqDoes() throws Exception {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("s", "text");
        table.put("t", true);
        table.put("b", (byte) 1);
        table.put("i", 42);
        table.put("l", 7L);
        table.put("d", 1.5d);
        table.put("dec", new BigDecimal("3.14"));
        table.put("ts", Instant.ofEpochSecond(1_700_000_000L));
        table.put("utf8", "héllo".getBytes(StandardCharsets.UTF_8));
        table.put("bin", new byte[] {(byte) 0xff});
        table.put("arr", List.of(1, "a"));
        table.put("tbl", Map.of("k", Instant.ofEpochSecond(5)));
        table.put("v", null);

        String json = JSON.writeValueAsString(FieldTableJson.toJson(table));

        assertThat(json).isEqualTo("{\"s\":\"text\",\"t\":true,\"b\":1,\"i\":42,\"l\":7,\"d\":1.5,\"dec\":3.14,"
                + "\"ts\":1700000000,\"utf8\":\"héllo\",\"bin\":\"/w==\",\"arr\":[1,\"a\"],\"tbl\":{\"k\":5},\"v\":null}");
        assertThat(FieldTableJson.toJson(null)).isEmpty();
    }

    @Test
    void readsJsonIntoFieldTableTypes() throws Exception {
        Map<String, Object> table = FieldTableJson.fromJson(JSON.readTree(
                "{\"s\":\"x\",\"n\":5,\"f\":2.5,\"b\":false,\"a\":[1,[2]],\"o\":{\"k\":\"v\"},\"z\":null}"), "arguments");
        assertThat(table).containsEntry("s", "x").containsEntry("n", 5L).containsEntry("f", 2.5d).containsEntry("b", false)
                .containsEntry("a", List.of(1L, List.of(2L))).containsEntry("o", Map.of("k", "v")).containsEntry("z", null);
        assertThat(table.keySet()).containsExactly("s", "n", "f", "b", "a", "o", "z");
    }

    @Test
    void refusesNumbersBeyondSixtyFourBitsAndNonObjects() throws Exception {
        assertThatThrownBy(() -> FieldTableJson.fromJson(JSON.readTree("{\"n\":123456789012345678901234567890}"), "arguments"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.reason()).isEqualTo("'arguments.n' is too large for a 64-bit integer"));
        assertThatThrownBy(() -> FieldTableJson.fromJson(JSON.readTree("[1]"), "arguments"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
