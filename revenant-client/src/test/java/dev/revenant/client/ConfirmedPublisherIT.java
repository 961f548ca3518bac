package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import dev.revenant.testkit.BrokerTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The copy-before-ack primitive: confirmed, and loud when the broker did not take the message. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ConfirmedPublisherIT {
    @Parameter
    BrokerTarget target;
    private BrokerFixture broker;
    private ConfirmedPublisher publisher;

    @BeforeEach
    void connect() throws Exception {
        broker = new BrokerFixture(target);
        publisher = new ConfirmedPublisher(broker.connection, Duration.ofSeconds(10));
    }

    @AfterEach
    void cleanUp() throws Exception {
        publisher.close();
        broker.close();
    }

    private void declare(String queue) throws Exception {
        try (com.rabbitmq.client.Channel channel = broker.connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
        }
    }

    private static final byte[] BODY = "box".getBytes(StandardCharsets.UTF_8);

    @Test
    void aConfirmedMessageIsInItsQueue() throws Exception {
        String queue = broker.queue("confirmed");
        declare(queue);

        publisher.publish("", queue, new AMQP.BasicProperties(), BODY);

        assertThat(broker.ready(queue)).isEqualTo(1);
    }

    @Test
    void anUnroutableMessageIsAnErrorNotASilentLoss() {
        assertThatThrownBy(() -> publisher.publish("", "client-it-no-such-queue", new AMQP.BasicProperties(), BODY))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no queue took the message to the default exchange with routing key "
                        + "'client-it-no-such-queue'")
                .hasMessageContaining("NO_ROUTE");
    }

    @Test
    void aMissingExchangeIsAnErrorAndThePublisherRecoversForTheNextMessage() throws Exception {
        assertThatThrownBy(() -> publisher.publish("client-it-no-such-exchange", "x", new AMQP.BasicProperties(), BODY))
                .isInstanceOf(IOException.class).hasMessageContaining("exchange 'client-it-no-such-exchange'");
        String queue = broker.queue("after-error");
        declare(queue);

        publisher.publish("", queue, new AMQP.BasicProperties(), BODY);

        assertThat(broker.ready(queue)).isEqualTo(1);
    }
}
