package dev.revenant.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker's basic life cycle through the official client: start, publish, consume, stop. */
class BrokerSmokeIT {
    @TempDir
    static Path dataDir;
    static Broker broker;
    static ConnectionFactory factory;

    @BeforeAll
    static void start() {
        broker = Broker.start(BrokerConfig.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).build());
        factory = new ConnectionFactory();
        factory.setPort(broker.amqpPort());
        factory.setAutomaticRecoveryEnabled(false);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void publishesAndConsumesWithAcks() throws Exception {
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            assertThat(queue).startsWith("amq.gen-");
            channel.confirmSelect();
            for (int i = 0; i < 100; i++) {
                channel.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(5000);
            assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(100);
            List<String> received = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(100);
            channel.basicQos(10);
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
                    received.add(new String(body, StandardCharsets.UTF_8));
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                    done.countDown();
                }
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(received).hasSize(100).startsWith("m0", "m1").endsWith("m99");
        }
    }

    @Test
    void basicGetRequeueSetsRedelivered() throws Exception {
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.basicPublish("", queue, null, "x".getBytes(StandardCharsets.UTF_8));
            GetResponse first = awaitGet(channel, queue);
            assertThat(first.getEnvelope().isRedeliver()).isFalse();
            channel.basicReject(first.getEnvelope().getDeliveryTag(), true);
            GetResponse second = awaitGet(channel, queue);
            assertThat(second.getEnvelope().isRedeliver()).isTrue();
            channel.basicAck(second.getEnvelope().getDeliveryTag(), false);
            assertThat(channel.basicGet(queue, false)).isNull();
        }
    }

    @Test
    void missingQueueClosesTheChannelWith404() throws Exception {
        try (Connection connection = factory.newConnection()) {
            Channel channel = connection.createChannel();
            assertThatThrownBy(() -> channel.queueDeclarePassive("no-such-queue"))
                    .hasStackTraceContaining("NOT_FOUND - no queue 'no-such-queue' in vhost '/'");
            assertThat(connection.isOpen()).isTrue();
        }
    }

    private static GetResponse awaitGet(Channel channel, String queue) throws Exception {
        for (int i = 0; i < 100; i++) {
            GetResponse r = channel.basicGet(queue, false);
            if (r != null) {
                return r;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("no message in " + queue);
    }
}
