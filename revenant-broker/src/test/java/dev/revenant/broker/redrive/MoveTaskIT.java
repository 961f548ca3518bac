package dev.revenant.broker.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Move tasks through the Java API, with messages published, rejected and consumed by the official client. */
class MoveTaskIT extends MoveTaskTestSupport {

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
}
