package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.impl.LongStringHelper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryModeTest {
    @Test
    void autoPicksNativeRetryOnlyWhenTheServerAnnouncesIt() {
        assertThat(RetryMode.AUTO.resolve(Map.of("capabilities", Map.of("retry_delays", true))))
                .isEqualTo(RetryMode.BROKER_NATIVE);
        assertThat(RetryMode.AUTO.resolve(Map.of("product", LongStringHelper.asLongString("Revenant"),
                "capabilities", Map.of("publisher_confirms", true)))).isEqualTo(RetryMode.TTL_QUEUES);
        assertThat(RetryMode.AUTO.resolve(Map.of("capabilities", Map.of("retry_delays", false)))).isEqualTo(RetryMode.TTL_QUEUES);
        assertThat(RetryMode.AUTO.resolve(Map.of())).isEqualTo(RetryMode.TTL_QUEUES);
        assertThat(RetryMode.AUTO.resolve(null)).isEqualTo(RetryMode.TTL_QUEUES);
    }

    @Test
    void fixedModesIgnoreTheServer() {
        Map<String, Object> revenant = Map.of("product", "Revenant");
        assertThat(RetryMode.TTL_QUEUES.resolve(revenant)).isEqualTo(RetryMode.TTL_QUEUES);
        assertThat(RetryMode.BROKER_NATIVE.resolve(Map.of())).isEqualTo(RetryMode.BROKER_NATIVE);
    }
}
