package dev.revenant.broker.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.revenant.broker.Broker;
import dev.revenant.broker.BrokerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Move tasks through the Java API, with messages published, rejected and consumed by the official client. */
class MoveTaskIT {
    @TempDir
    static Path dataDir;
    static Broker broker;
    static ConnectionFactory factory;
    MoveTasks moves;
    Connection connection;
    Channel channel;

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

    @BeforeEach
    void open() throws Exception {
        moves = new MoveTasks(broker::virtualHost);
        connection = factory.newConnection();
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    @AfterEach
    void close() throws Exception {
        moves.close();
        connection.close();
    }

    @Test
    void movesDeadLetteredMessagesBackToTheirOriginKeepingHistoryAndOrder() throws Exception {
        channel.exchangeDeclare("shop", "topic");
        channel.exchangeDeclare("shop.dlx", "fanout");
        channel.queueDeclare("orders.dlq", false, false, false, null);
        channel.queueBind("orders.dlq", "shop.dlx", "");
        channel.queueDeclare("orders", false, false, false, Map.of("x-dead-letter-exchange", "shop.dlx"));
        channel.queueBind("orders", "shop", "order.*");
        for (int i = 0; i < 5; i++) {
            channel.basicPublish("shop", "order.paid", props("order-" + i), body(i));
        }
        channel.waitForConfirmsOrDie(5000);
        for (int i = 0; i < 5; i++) {
            GetResponse got = channel.basicGet("orders", false);
            channel.basicNack(got.getEnvelope().getDeliveryTag(), false, false);
        }
        awaitReady("orders.dlq", 5);

        MoveProgress report = moves.start(new MoveRequest("/", "orders.dlq", MoveTarget.origin(), null, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.COMPLETED);
        assertThat(report.moved()).isEqualTo(5);
        assertThat(report.remaining()).isZero();
        assertThat(report.finishedAt()).isNotNull();
        assertThat(ready("orders.dlq")).isZero();
        for (int i = 0; i < 5; i++) {
            GetResponse back = channel.basicGet("orders", true);
            assertThat(back.getProps().getMessageId()).isEqualTo("order-" + i);
            assertThat(back.getEnvelope().getExchange()).as("shown as first published").isEqualTo("shop");
            assertThat(back.getEnvelope().getRoutingKey()).isEqualTo("order.paid");
            Map<String, Object> headers = back.getProps().getHeaders();
            assertThat(headers).containsKey("x-death");
            assertThat(headers.get("x-first-death-queue").toString()).isEqualTo("orders");
            assertThat(headers).containsEntry("x-revenant-moved", 1L);
            assertThat(headers.get("x-revenant-moved-from").toString()).isEqualTo("orders.dlq");
        }
    }

    @Test
    void movesOnlyTheFirstNToANamedExchange() throws Exception {
        channel.queueDeclare("limit.src", false, false, false, null);
        channel.queueDeclare("limit.dst", false, false, false, null);
        channel.queueBind("limit.dst", "amq.direct", "to-dst");
        publish("limit.src", 10);

        MoveProgress report = moves.start(new MoveRequest("/", "limit.src", MoveTarget.exchange("amq.direct", "to-dst"), 3L, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.COMPLETED);
        assertThat(report.total()).isEqualTo(3);
        assertThat(report.moved()).isEqualTo(3);
        assertThat(drain("limit.dst")).containsExactly("m0", "m1", "m2");
        assertThat(drain("limit.src")).containsExactly("m3", "m4", "m5", "m6", "m7", "m8", "m9");
    }

    @Test
    void movingToAMissingExchangeFailsAndLosesNothing() throws Exception {
        channel.queueDeclare("missing.src", false, false, false, null);
        publish("missing.src", 8);

        MoveProgress report = moves.start(new MoveRequest("/", "missing.src", MoveTarget.exchange("no-such-exchange", "k"), null, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.FAILED);
        assertThat(report.moved()).isZero();
        assertThat(report.lastError()).isEqualTo("no exchange 'no-such-exchange' in vhost '/'");
        assertThat(report.remaining()).isEqualTo(8);
        assertThat(drain("missing.src")).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");
    }

    @Test
    void aCopyThatRoutesNowhereFailsTheTaskAndStaysInTheSource() throws Exception {
        channel.exchangeDeclare("unbound.x", "direct");
        channel.queueDeclare("unbound.src", false, false, false, null);
        publish("unbound.src", 3);

        MoveProgress report = moves.start(new MoveRequest("/", "unbound.src", MoveTarget.exchange("unbound.x", "k"), null, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.FAILED);
        assertThat(report.lastError()).contains("routes message").contains("to no queue");
        assertThat(drain("unbound.src")).containsExactly("m0", "m1", "m2");
    }

    @Test
    void aMessageThatWasNeverDeadLetteredHasNoOriginToGoBackTo() throws Exception {
        channel.queueDeclare("plain.src", false, false, false, null);
        publish("plain.src", 2);

        MoveProgress report = moves.start(new MoveRequest("/", "plain.src", MoveTarget.origin(), null, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.FAILED);
        assertThat(report.lastError()).contains("has no origin");
        assertThat(drain("plain.src")).containsExactly("m0", "m1");
    }

    @Test
    void aFullTargetThatRefusesPublishesFailsTheTaskWithTheRestLeftInTheSource() throws Exception {
        channel.queueDeclare("full.src", false, false, false, null);
        channel.queueDeclare("full.dst", false, false, false, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
        publish("full.src", 5);

        MoveProgress report = moves.start(new MoveRequest("/", "full.src", MoveTarget.exchange("", "full.dst"), null, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.FAILED);
        assertThat(report.lastError()).contains("full.dst").contains("refused");
        assertThat(report.moved()).isEqualTo(2);
        assertThat(drain("full.dst")).containsExactly("m0", "m1");
        assertThat(drain("full.src")).containsExactly("m2", "m3", "m4");
    }

    @Test
    void respectsTheRateLimit() throws Exception {
        channel.queueDeclare("rate.src", false, false, false, null);
        channel.queueDeclare("rate.dst", false, false, false, null);
        publish("rate.src", 30);

        long began = System.nanoTime();
        MoveProgress report = moves.start(new MoveRequest("/", "rate.src", MoveTarget.exchange("", "rate.dst"), null, 20.0))
                .completion().get(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - began) / 1e9;

        assertThat(report.moved()).isEqualTo(30);
        // The first message goes at once, the other 29 at 20/s: at least 1.45 s; 10% tolerance for timer slack.
        assertThat(seconds).isGreaterThan(1.3);
        assertThat(ready("rate.dst")).isEqualTo(30);
    }

    @Test
    void cancelStopsMidwayAndEveryMessageIsInExactlyOnePlace() throws Exception {
        channel.queueDeclare("cancel.src", false, false, false, null);
        channel.queueDeclare("cancel.dst", false, false, false, null);
        publish("cancel.src", 50);
        MoveTask task = moves.start(new MoveRequest("/", "cancel.src", MoveTarget.exchange("", "cancel.dst"), null, 25.0));
        await().atMost(Duration.ofSeconds(10)).until(() -> task.progress().moved() >= 5);

        task.cancel();
        MoveProgress report = task.completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.CANCELLED);
        assertThat(report.moved()).isBetween(5L, 49L);
        List<String> moved = drain("cancel.dst");
        List<String> left = drain("cancel.src");
        assertThat(moved).hasSize((int) report.moved());
        List<String> all = new ArrayList<>(moved);
        all.addAll(left);
        assertThat(all).as("nothing lost, nothing doubled, order kept").containsExactlyElementsOf(names(50));
        assertThat(task.progress().state()).isEqualTo(MoveState.CANCELLED);
    }

    @Test
    void pauseHoldsTheTaskAndResumeFinishesIt() throws Exception {
        channel.queueDeclare("pause.src", false, false, false, null);
        channel.queueDeclare("pause.dst", false, false, false, null);
        publish("pause.src", 30);
        MoveTask task = moves.start(new MoveRequest("/", "pause.src", MoveTarget.exchange("", "pause.dst"), null, 30.0));
        await().atMost(Duration.ofSeconds(10)).until(() -> task.progress().moved() >= 3);

        task.pause();
        await().atMost(Duration.ofSeconds(5)).until(() -> task.progress().inFlight() == 0);
        long frozen = task.progress().moved();
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> task.progress().moved() == frozen && task.progress().state() == MoveState.PAUSED);

        task.resume();
        MoveProgress report = task.completion().get(10, TimeUnit.SECONDS);
        assertThat(report.state()).isEqualTo(MoveState.COMPLETED);
        assertThat(drain("pause.dst")).containsExactlyElementsOf(names(30));
    }

    @Test
    void movingWhileConsumersTakeFromBothQueuesDeliversEachMessageOnce() throws Exception {
        channel.queueDeclare("busy.src", false, false, false, null);
        channel.queueDeclare("busy.dst", false, false, false, null);
        publish("busy.src", 200);
        List<String> fromSource = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> fromTarget = java.util.Collections.synchronizedList(new ArrayList<>());
        Channel consumers = connection.createChannel();
        consumers.basicQos(1);
        consumers.basicConsume("busy.src", false, (tag, d) -> {
            fromSource.add(new String(d.getBody(), StandardCharsets.UTF_8));
            consumers.basicAck(d.getEnvelope().getDeliveryTag(), false);
        }, tag -> { });
        consumers.basicConsume("busy.dst", true, (tag, d) -> {
            assertThat(d.getProperties().getHeaders()).containsEntry("x-revenant-moved", 1L);
            fromTarget.add(new String(d.getBody(), StandardCharsets.UTF_8));
        }, tag -> { });

        MoveProgress report = moves.start(new MoveRequest("/", "busy.src", MoveTarget.exchange("", "busy.dst"), null, null))
                .completion().get(20, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.COMPLETED);
        await().atMost(Duration.ofSeconds(10)).until(() -> fromSource.size() + fromTarget.size() == 200);
        assertThat(fromTarget).hasSize((int) report.moved());
        List<String> all = new ArrayList<>(fromSource);
        all.addAll(fromTarget);
        assertThat(all).containsExactlyInAnyOrderElementsOf(names(200));
    }

    @Test
    void aMoveIntoItsOwnSourceStopsAfterTheMessagesReadyAtTheStart() throws Exception {
        channel.queueDeclare("loop.q", false, false, false, null);
        publish("loop.q", 4);

        MoveProgress report = moves.start(new MoveRequest("/", "loop.q", MoveTarget.exchange("", "loop.q"), null, null))
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(MoveState.COMPLETED);
        assertThat(report.moved()).isEqualTo(4);
        assertThat(drain("loop.q")).containsExactly("m0", "m1", "m2", "m3");
    }

    @Test
    void anEmptyQueueCompletesAtOnceAndEndedTasksRefusePause() throws Exception {
        channel.queueDeclare("empty.src", false, false, false, null);
        MoveTask task = moves.start(new MoveRequest("/", "empty.src", MoveTarget.origin(), null, null));
        MoveProgress report = task.completion().get(5, TimeUnit.SECONDS);
        assertThat(report.state()).isEqualTo(MoveState.COMPLETED);
        assertThat(report.total()).isZero();
        assertThat(moves.task(task.id())).contains(task);
        org.assertj.core.api.Assertions.assertThatThrownBy(task::pause).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("it is completed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> moves.start(
                new MoveRequest("/", "no-such-queue", MoveTarget.origin(), null, null)))
                .isInstanceOf(java.util.NoSuchElementException.class).hasMessage("no queue 'no-such-queue' in vhost '/'");
    }

    private void publish(String queue, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", queue, props("id-" + i), ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(5000);
    }

    private List<String> drain(String queue) throws Exception {
        List<String> bodies = new ArrayList<>();
        GetResponse got;
        while ((got = channel.basicGet(queue, true)) != null) {
            bodies.add(new String(got.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private int ready(String queue) throws Exception {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    private void awaitReady(String queue, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ready(queue) == count);
    }

    private static List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("m" + i);
        }
        return names;
    }

    private static AMQP.BasicProperties props(String messageId) {
        return new AMQP.BasicProperties.Builder().messageId(messageId).build();
    }

    private static byte[] body(int i) {
        return ("order " + i).getBytes(StandardCharsets.UTF_8);
    }
}
