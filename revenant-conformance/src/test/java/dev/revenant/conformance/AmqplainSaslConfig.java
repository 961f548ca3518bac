package dev.revenant.conformance;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.SaslConfig;
import com.rabbitmq.client.SaslMechanism;
import com.rabbitmq.client.impl.LongStringHelper;
import java.util.Arrays;
import java.util.List;

/**
 * AMQPLAIN for amqp-client, which ships only PLAIN and EXTERNAL: picked when the server offers
 * it, it remembers what the server offered and whether it was used.
 */
final class AmqplainSaslConfig implements SaslConfig, SaslMechanism {
    volatile List<String> offeredByServer = List.of();
    volatile boolean used;

    @Override
    public SaslMechanism getSaslMechanism(String[] mechanisms) {
        offeredByServer = Arrays.asList(mechanisms);
        return offeredByServer.contains("AMQPLAIN") ? this : null;
    }

    @Override
    public String getName() {
        return "AMQPLAIN";
    }

    @Override
    public LongString handleChallenge(LongString challenge, String username, String password) {
        used = true;
        return LongStringHelper.asLongString(Amqplain.response(username, password));
    }
}
