package dev.revenant.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.revenant.broker.Broker;
import dev.revenant.broker.BrokerConfig;
import dev.revenant.broker.vhost.VirtualHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies through a real client: applied to existing and new queues, outranked by declare arguments, kept across restarts. */
class PoliciesIT {
    @TempDir
    Path dataDir;
    private Broker broker;
    private Connection connection;
    private Channel ch;

    @BeforeEach
    void start() throws Exception {
        broker = Broker.start(BrokerConfig.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).build());
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(broker.amqpPort());
        connection = f.newConnection();
        ch = connection.createChannel();
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        broker.close();
    }

    private VirtualHost vhost() {
        return broker.virtualHost("/");
    }

    private void set(String name, String pattern, int priority, Map<String, Object> definition) throws Exception {
        vhost().setPolicy(new Policy(name, pattern, "queues", priority, definition)).get(10, TimeUnit.SECONDS);
    }

    /** A fanout exchange {@code name} with one durable queue {@code name + ".q"} behind it. */
    private String deadLetterTarget(String name) throws Exception {
        ch.exchangeDeclare(name, "fanout", true);
        ch.queueDeclare(name + ".q", true, false, false, null);
        ch.queueBind(name + ".q", name, "");
        return name + ".q";
    }

    private void publishAndNack(String queue, String body) throws Exception {
        ch.basicPublish("", queue, null, body.getBytes(StandardCharsets.UTF_8));
        GetResponse r = await().atMost(Duration.ofSeconds(10)).until(() -> ch.basicGet(queue, false), m -> m != null);
        ch.basicNack(r.getEnvelope().getDeliveryTag(), false, false);
    }

    private String awaitBody(String queue) {
        GetResponse r = await().atMost(Duration.ofSeconds(10)).until(() -> ch.basicGet(queue, true), m -> m != null);
        return new String(r.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void aPolicyGivesAnExistingQueueItsDeadLetterExchange() throws Exception {
        String dlq = deadLetterTarget("pol-dlx");
        ch.queueDeclare("orders.eu", false, false, false, null);
        set("orders", "^orders\\.", 0, Map.of("dead-letter-exchange", "pol-dlx"));
        assertThat(vhost().queue("orders.eu").policy().name()).isEqualTo("orders");
        publishAndNack("orders.eu", "failed");
        assertThat(awaitBody(dlq)).isEqualTo("failed");
    }

    @Test
    void aDeclareArgumentWinsOverThePolicy() throws Exception {
        String own = deadLetterTarget("own-dlx");
        String policy = deadLetterTarget("policy-dlx");
        ch.queueDeclare("jobs.a", false, false, false, Map.of("x-dead-letter-exchange", "own-dlx"));
        set("jobs", "^jobs\\.", 0, Map.of("dead-letter-exchange", "policy-dlx", "dead-letter-routing-key", "rk"));
        publishAndNack("jobs.a", "mine");
        assertThat(awaitBody(own)).isEqualTo("mine");
        assertThat(ch.queueDeclarePassive(policy).getMessageCount()).isZero();
    }

    @Test
    void theHighestPriorityPolicyAloneApplies() throws Exception {
        String low = deadLetterTarget("low-dlx");
        String high = deadLetterTarget("high-dlx");
        set("low", "^tasks", 1, Map.of("dead-letter-exchange", "low-dlx", "max-length", 100));
        set("high", "tasks", 5, Map.of("dead-letter-exchange", "high-dlx"));
        ch.queueDeclare("tasks.1", false, false, false, null);
        assertThat(vhost().queue("tasks.1").policy().name()).isEqualTo("high");
        assertThat(vhost().queue("tasks.1").effectiveArguments().maxLength()).as("the low one is not merged in").isEmpty();
        publishAndNack("tasks.1", "high wins");
        assertThat(awaitBody(high)).isEqualTo("high wins");
        assertThat(ch.queueDeclarePassive(low).getMessageCount()).isZero();
    }

    @Test
    void clearingThePolicyStopsDeadLettering() throws Exception {
        String dlq = deadLetterTarget("gone-dlx");
        ch.queueDeclare("mail.x", false, false, false, null);
        set("mail", "^mail", 0, Map.of("dead-letter-exchange", "gone-dlx"));
        assertThat(vhost().clearPolicy("mail").get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(vhost().clearPolicy("mail").get(10, TimeUnit.SECONDS)).as("already gone").isFalse();
        publishAndNack("mail.x", "discarded");
        ch.basicGet("mail.x", true); // the nack is handled before this get is answered
        ch.basicPublish("", dlq, null, "marker".getBytes(StandardCharsets.UTF_8));
        assertThat(awaitBody(dlq)).as("nothing was dead-lettered ahead of the marker").isEqualTo("marker");
        assertThat(vhost().queue("mail.x").policy()).isNull();
    }

    @Test
    void messageTtlByPolicyExpiresMessagesToTheDeadLetterExchange() throws Exception {
        String dlq = deadLetterTarget("ttl-dlx");
        ch.queueDeclare("ttl.q", false, false, false, null);
        set("ttl", "^ttl\\.", 0, Map.of("message-ttl", 50L, "dead-letter-exchange", "ttl-dlx"));
        ch.basicPublish("", "ttl.q", null, "late".getBytes(StandardCharsets.UTF_8));
        GetResponse r = await().atMost(Duration.ofSeconds(10)).until(() -> ch.basicGet(dlq, true), m -> m != null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deaths = (List<Map<String, Object>>) r.getProps().getHeaders().get("x-death");
        assertThat(deaths.get(0).get("reason").toString()).isEqualTo("expired");
    }

    @Test
    void maxLengthByPolicyDropsFromTheHead() throws Exception {
        ch.queueDeclare("capped.q", false, false, false, null);
        set("cap", "^capped", 0, Map.of("max-length", 2));
        for (int i = 0; i < 5; i++) {
            ch.basicPublish("", "capped.q", null, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ch.queueDeclarePassive("capped.q").getMessageCount() == 2);
        assertThat(awaitBody("capped.q")).isEqualTo("m3");
        assertThat(awaitBody("capped.q")).isEqualTo("m4");
    }

    @Test
    void expiresByPolicyDeletesAnExistingUnusedQueue() throws Exception {
        ch.queueDeclare("idle.q", false, false, false, null);
        ch.queueDeclare("busy.q", false, false, false, null);
        set("idle", "^idle\\.", 0, Map.of("expires", 100L));
        await().atMost(Duration.ofSeconds(10)).until(() -> vhost().queue("idle.q") == null);
        assertThat(vhost().queue("busy.q")).as("a queue the policy does not match stays").isNotNull();
    }

    @Test
    void deliveryLimitByPolicyDeadLettersAfterTooManyReturns() throws Exception {
        String dlq = deadLetterTarget("limit-dlx");
        ch.queueDeclare("limited.q", false, false, false, null);
        set("limit", "^limited", 0, Map.of("delivery-limit", 1L, "dead-letter-exchange", "limit-dlx"));
        ch.basicPublish("", "limited.q", null, "poison".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2; i++) {
            GetResponse r = await().atMost(Duration.ofSeconds(10)).until(() -> ch.basicGet("limited.q", false), m -> m != null);
            ch.basicNack(r.getEnvelope().getDeliveryTag(), false, true);
        }
        assertThat(awaitBody(dlq)).isEqualTo("poison");
        assertThat(ch.queueDeclarePassive("limited.q").getMessageCount()).isZero();
    }

    @Test
    void aPolicySurvivesARestart() throws Exception {
        String dlq = deadLetterTarget("kept-dlx");
        ch.queueDeclare("kept.q", true, false, false, null);
        set("kept", "^kept\\.", 3, Map.of("dead-letter-exchange", "kept-dlx", "retry-delays", List.of(10L, 20L)));
        connection.close();
        broker.close();
        start();
        Policy restored = vhost().policy("kept");
        assertThat(restored.pattern()).isEqualTo("^kept\\.");
        assertThat(restored.priority()).isEqualTo(3);
        assertThat(vhost().queue("kept.q").policy()).isEqualTo(restored);
        assertThat(vhost().queue("kept.q").effectiveArguments().retryDelays()).contains(List.of(10L, 20L));
        vhost().setPolicy(new Policy("kept", "^kept\\.", "queues", 3, Map.of("dead-letter-exchange", "kept-dlx")))
                .get(10, TimeUnit.SECONDS);
        publishAndNack("kept.q", "after restart");
        assertThat(awaitBody(dlq)).isEqualTo("after restart");
    }
}
