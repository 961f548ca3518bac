package dev.revenant.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.revenant.broker.Broker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension gives a test a live broker and a factory that reaches it. */
class RevenantExtensionIT {
    @RegisterExtension
    static RevenantExtension revenant = new RevenantExtension();

    @Test
    void injectsARunningBroker(Broker broker, ConnectionFactory factory) throws Exception {
        assertThat(broker.amqpPort()).isPositive().isEqualTo(revenant.amqpPort());
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.confirmSelect();
            channel.basicPublish("", queue, null, "hello".getBytes());
            channel.waitForConfirmsOrDie(5000);
            GetResponse response = channel.basicGet(queue, true);
            assertThat(response).isNotNull();
            assertThat(new String(response.getBody())).isEqualTo("hello");
        }
    }
}
