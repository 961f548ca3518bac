package dev.revenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confirmed means durable: a broker process is SIGKILLed at random points while several
 * producers publish persistent messages with confirms; after each restart every confirmed
 * message is back (at least once), acknowledged ones are not, and messages delivered but not
 * acknowledged before the kill come back marked redelivered.
 */
class CrashRecoveryIT {
    private static final String QUEUE = "orders";
    private static final int PRODUCERS = 3;
    /** Bounds each round so draining (one basic.get per message) stays quick. */
    private static final int MAX_PER_ROUND = 2500;

    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<String> acked = new HashSet<>();
    /** Acked just before a kill that came before any sync: they may or may not come back. */
    private final Set<String> ackUnknown = new HashSet<>();
    private final List<String> roundAcks = new ArrayList<>();

    @Test
    void confirmedMessagesSurviveSigkillAtRandomPoints(@TempDir Path dataDir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("CrashRecoveryIT seed " + seed);
        Set<String> deliveredNotAcked = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            try (BrokerProcess broker = BrokerProcess.start(dataDir)) {
                ConnectionFactory factory = factory(broker);
                Map<String, Boolean> present = drain(factory, random, deliveredNotAcked);
                assertRecovered(present, round);
                deliveredNotAcked.clear();
                deliverWithoutAck(factory, 5, deliveredNotAcked);
                int confirmedBefore = confirmed.size();
                List<Thread> producers = startProducers(factory, round);
                TimeUnit.MILLISECONDS.sleep(200 + random.nextInt(800)); // the kill lands at a random point of the load
                broker.kill();
                for (Thread producer : producers) {
                    producer.join(TimeUnit.SECONDS.toMillis(30));
                }
                // An ack is durable once a later sync covered it: a confirm received after it proves one ran.
                (confirmed.size() > confirmedBefore ? acked : ackUnknown).addAll(roundAcks);
                roundAcks.clear();
            }
        }
        try (BrokerProcess broker = BrokerProcess.start(dataDir)) {
            Map<String, Boolean> present = drain(factory(broker), random, deliveredNotAcked);
            assertRecovered(present, 3);
            assertThat(acked).as("acks known durable").isNotEmpty();
            assertThat(confirmed).as("the test confirmed messages in every round").hasSizeGreaterThan(100);
            assertThat(broker.stop()).isTrue();
        }
    }

    private void assertRecovered(Map<String, Boolean> present, int round) {
        Set<String> missing = new HashSet<>(confirmed);
        missing.removeAll(acked);
        missing.removeAll(ackUnknown);
        missing.removeAll(present.keySet());
        assertThat(missing).as("confirmed, unacknowledged messages missing after restart " + round).isEmpty();
        Set<String> resurrected = new HashSet<>(present.keySet());
        resurrected.retainAll(acked);
        assertThat(resurrected).as("acknowledged messages that came back after restart " + round).isEmpty();
    }

    /** Reads every message once (acking a random half, durably), returns id -> redelivered flag. */
    private Map<String, Boolean> drain(ConnectionFactory factory, Random random, Set<String> deliveredNotAcked) throws Exception {
        Map<String, Boolean> present = new HashMap<>();
        List<String> toAck = new ArrayList<>();
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(QUEUE, true, false, false, null);
            GetResponse response;
            while ((response = channel.basicGet(QUEUE, false)) != null) {
                String id = new String(response.getBody(), StandardCharsets.UTF_8);
                present.put(id, response.getEnvelope().isRedeliver());
                ackUnknown.remove(id);
                if (deliveredNotAcked.contains(id)) {
                    assertThat(response.getEnvelope().isRedeliver()).as("redelivered flag of " + id).isTrue();
                }
                if (random.nextBoolean()) {
                    channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                    toAck.add(id);
                }
            }
            channel.queueDeclarePassive(QUEUE); // a round trip: the broker has processed the acks above
        }
        roundAcks.addAll(toAck);
        return present;
    }

    private void deliverWithoutAck(ConnectionFactory factory, int count, Set<String> deliveredNotAcked) throws Exception {
        Connection connection = factory.newConnection();
        Channel channel = connection.createChannel();
        for (int i = 0; i < count; i++) {
            GetResponse response = channel.basicGet(QUEUE, false);
            if (response == null) {
                break;
            }
            deliveredNotAcked.add(new String(response.getBody(), StandardCharsets.UTF_8));
        }
        channel.queueDeclarePassive(QUEUE); // left open: the kill, not a close, ends this delivery
    }

    private List<Thread> startProducers(ConnectionFactory factory, int round) {
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            String prefix = "r" + round + "-p" + p + "-";
            Thread t = new Thread(() -> produce(factory, prefix), "producer-" + prefix);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private void produce(ConnectionFactory factory, String prefix) {
        ConcurrentNavigableMap<Long, String> outstanding = new ConcurrentSkipListMap<>();
        Semaphore window = new Semaphore(100);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.addConfirmListener((tag, multiple) -> settle(outstanding, window, tag, multiple, true),
                    (tag, multiple) -> settle(outstanding, window, tag, multiple, false));
            AMQP.BasicProperties persistent = MessageProperties.PERSISTENT_TEXT_PLAIN;
            for (int n = 0; n < MAX_PER_ROUND; n++) {
                window.acquire();
                String id = prefix + n;
                outstanding.put(channel.getNextPublishSeqNo(), id);
                channel.basicPublish("", QUEUE, persistent, id.getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception broken) {
            // The broker was killed: whatever was confirmed so far is what must survive.
        }
    }

    private void settle(ConcurrentNavigableMap<Long, String> outstanding, Semaphore window, long tag, boolean multiple, boolean ack) {
        Map<Long, String> done = multiple ? outstanding.headMap(tag, true) : outstanding.subMap(tag, true, tag, true);
        for (Map.Entry<Long, String> e : new ArrayList<>(done.entrySet())) {
            if (ack) {
                confirmed.add(e.getValue());
            }
            outstanding.remove(e.getKey());
            window.release();
        }
    }

    private static ConnectionFactory factory(BrokerProcess broker) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(broker.amqpPort());
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }
}
