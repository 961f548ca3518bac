package dev.revenant.broker.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.revenant.broker.Broker;
import dev.revenant.broker.BrokerConfig;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk alarm blocks publishers with connection.blocked, consumers go on, and clearing it unblocks them. */
class ResourceAlarmsIT {
    @TempDir
    Path dataDir;

    @Test
    void diskAlarmBlocksPublishersUntilItClears() throws Exception {
        try (Broker broker = Broker.start(BrokerConfig.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).build())) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setPort(broker.amqpPort());
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            try (Connection publisher = factory.newConnection(); Connection consumer = factory.newConnection()) {
                publisher.addBlockedListener(new BlockedListener() {
                    @Override
                    public void handleBlocked(String reason) {
                        events.add("blocked: " + reason);
                    }

                    @Override
                    public void handleUnblocked() {
                        events.add("unblocked");
                    }
                });
                Channel pub = publisher.createChannel();
                Channel sub = consumer.createChannel();
                String queue = sub.queueDeclare().getQueue();
                pub.confirmSelect();
                pub.basicPublish("", queue, null, "before".getBytes());
                pub.waitForConfirmsOrDie(5000);

                broker.alarms().diskFreeLimit(Long.MAX_VALUE / 2);
                broker.alarms().check();
                assertThat(events.poll(5, TimeUnit.SECONDS)).startsWith("blocked: low on disk");
                pub.basicPublish("", queue, null, "during".getBytes());
                // Bounded wait to show the confirm is held back while the alarm lasts.
                assertThatThrownBy(() -> pub.waitForConfirms(500)).isInstanceOf(TimeoutException.class);
                GetResponse first = sub.basicGet(queue, false);
                assertThat(new String(first.getBody())).isEqualTo("before");
                sub.basicAck(first.getEnvelope().getDeliveryTag(), false); // consumers are never blocked

                broker.alarms().diskFreeLimit(0);
                broker.alarms().check();
                assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("unblocked");
                pub.waitForConfirmsOrDie(5000);
                GetResponse second = sub.basicGet(queue, true);
                assertThat(second).isNotNull();
                assertThat(new String(second.getBody())).isEqualTo("during");
            }
        }
    }
}
