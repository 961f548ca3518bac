package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.adapter.MessageListenerAdapter;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Spring AMQP, unchanged, as applications use it: RabbitAdmin declarations, RabbitTemplate sends,
 * a listener container with manual acks (one requeue on the way), and request/reply over
 * direct reply-to, which RabbitTemplate picks by itself when the broker offers it.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class SpringAmqpIT extends ConformanceBase {
    private CachingConnectionFactory connectionFactory;
    private SimpleMessageListenerContainer container;
    private String queue;

    @BeforeEach
    void springUp() {
        connectionFactory = new CachingConnectionFactory(target.connectionFactory());
        queue = deleteAfterTest(unique("spring"));
        new RabbitAdmin(connectionFactory).declareQueue(new Queue(queue, false, false, false));
    }

    @AfterEach
    void springDown() {
        if (container != null) {
            container.stop();
        }
        connectionFactory.destroy();
    }

    @Test
    void templateSendsAndManualAckContainerConsumesWithOneRequeue() {
        List<String> seen = new CopyOnWriteArrayList<>();
        container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queue);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setPrefetchCount(5);
        container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
            String body = new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8);
            long tag = message.getMessageProperties().getDeliveryTag();
            boolean redelivered = Boolean.TRUE.equals(message.getMessageProperties().getRedelivered());
            seen.add(body + (redelivered ? "(again)" : ""));
            if (body.equals("order-2") && !redelivered) {
                channel.basicNack(tag, false, true);
            } else {
                channel.basicAck(tag, false);
            }
        });
        container.start();

        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        for (int i = 1; i <= 3; i++) {
            template.convertAndSend("", queue, "order-" + i);
        }

        await().atMost(Messages.TIMEOUT).until(() -> seen.size() == 4);
        assertThat(seen).containsExactlyInAnyOrder("order-1", "order-2", "order-2(again)", "order-3");
        assertThat(seen.indexOf("order-2")).isLessThan(seen.indexOf("order-2(again)"));
        container.stop();
        await().atMost(Messages.TIMEOUT).untilAsserted(() ->
                assertThat(new RabbitAdmin(connectionFactory).getQueueInfo(queue).getMessageCount()).isZero());
    }

    @Test
    void sendAndReceiveUsesDirectReplyTo() {
        container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queue);
        container.setMessageListener(new MessageListenerAdapter(new Object() {
            @SuppressWarnings("unused")
            public String handleMessage(String request) {
                return "shipped:" + request;
            }
        }));
        container.start();

        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setReplyTimeout(Messages.TIMEOUT.toMillis());
        Object reply = template.convertSendAndReceive("", queue, "order-9");
        assertThat(reply).isEqualTo("shipped:order-9");
    }
}
