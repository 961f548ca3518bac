package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.ShutdownSignalException;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Connection and channel lifecycle as amqp-client negotiates and observes it. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ConnectionIT extends ConformanceBase {

    @Test
    void serverPropertiesCarryIdentityAndCapabilities() throws Exception {
        Map<String, Object> properties = connect().getServerProperties();

        for (String key : new String[] {"product", "version", "platform", "copyright", "information", "cluster_name"}) {
            assertThat(properties.get(key)).as("server property %s", key).isInstanceOf(LongString.class);
            assertThat(properties.get(key).toString()).as("server property %s", key).isNotBlank();
        }
        assertThat(properties.get("capabilities")).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) properties.get("capabilities");
        for (String capability : new String[] {"publisher_confirms", "exchange_exchange_bindings", "basic.nack",
                "consumer_cancel_notify", "connection.blocked", "authentication_failure_close", "per_consumer_qos",
                "consumer_priorities", "direct_reply_to"}) {
            assertThat(capabilities.get(capability)).as("capability %s", capability).isEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void plainMechanismLogsIn() throws Exception {
        Connection connection = connect(factory -> factory.setSaslConfig(DefaultSaslConfig.PLAIN));
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.createChannel().queueDeclare().getQueue()).startsWith("amq.gen-");
    }

    @Test
    void amqplainMechanismLogsIn() throws Exception {
        AmqplainSaslConfig mechanism = new AmqplainSaslConfig();
        Connection connection = connect(factory -> factory.setSaslConfig(mechanism));
        assertThat(mechanism.offeredByServer).contains("PLAIN", "AMQPLAIN");
        assertThat(mechanism.used).isTrue();
        assertThat(connection.createChannel().queueDeclare().getQueue()).startsWith("amq.gen-");
    }

    @Test
    void frameMaxIsNegotiatedAndLargeBodiesAreSplitAcrossFrames() throws Exception {
        Connection small = connect(factory -> factory.setRequestedFrameMax(4096));
        assertThat(small.getFrameMax()).isEqualTo(4096);

        Channel channel = small.createChannel();
        String queue = channel.queueDeclare().getQueue();
        byte[] body = new byte[100_000];
        new Random(7).nextBytes(body);
        channel.basicPublish("", queue, null, body);
        GetResponse response = Messages.awaitGet(channel, queue, true);
        assertThat(response.getBody()).isEqualTo(body);
    }

    @Test
    void askingForNoLimitsYieldsTheServersProposal() throws Exception {
        RawAmqpConnection.Tune proposal;
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.start();
            proposal = raw.startOk("PLAIN", RawAmqpConnection.plain("guest", "guest"));
        }
        Connection connection = connect(factory -> {
            factory.setRequestedFrameMax(0);
            factory.setRequestedChannelMax(0);
        });
        assertThat(connection.getFrameMax()).isEqualTo((int) proposal.frameMax()).isGreaterThanOrEqualTo(4096);
        assertThat(connection.getChannelMax()).isEqualTo(proposal.channelMax()).isGreaterThan(0);
    }

    @Test
    void heartbeatIsNegotiatedAndKeepsAnIdleConnectionAlive() throws Exception {
        Connection connection = connect(factory -> factory.setRequestedHeartbeat(1));
        assertThat(connection.getHeartbeat()).isEqualTo(1);
        // Proving a connection is NOT dropped needs a bounded wait: three heartbeat intervals
        // of silence from the application, during which only heartbeats cross the wire.
        TimeUnit.MILLISECONDS.sleep(3_000);
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.createChannel().queueDeclare().getQueue()).startsWith("amq.gen-");
    }

    @Test
    void clientCloseIsAcknowledged() throws Exception {
        Connection connection = connect();
        CompletableFuture<ShutdownSignalException> shutdown = new CompletableFuture<>();
        connection.addShutdownListener(shutdown::complete);

        connection.close(AMQP.REPLY_SUCCESS, "bye", 10_000);

        ShutdownSignalException signal = shutdown.get(10, TimeUnit.SECONDS);
        assertThat(signal.isInitiatedByApplication()).isTrue();
        assertThat(signal.isHardError()).isTrue();
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void channelsOpenAndCloseIndependently() throws Exception {
        Connection connection = connect();
        Channel first = connection.createChannel();
        Channel numbered = connection.createChannel(42);
        assertThat(numbered.getChannelNumber()).isEqualTo(42);

        first.close();
        assertThat(first.isOpen()).isFalse();
        assertThat(numbered.isOpen()).isTrue();
        String queue = numbered.queueDeclare().getQueue();
        numbered.basicPublish("", queue, null, Messages.utf8("still here"));
        assertThat(Messages.text(Messages.awaitGet(numbered, queue, true))).isEqualTo("still here");

        // a closed channel's number can be opened again
        Channel reopened = connection.createChannel(first.getChannelNumber());
        assertThat(reopened.isOpen()).isTrue();
        reopened.queueDeclarePassive(queue);
    }

    @Test
    void channelFlowActiveIsAcknowledged() throws Exception {
        Channel channel = openChannel();
        AMQP.Channel.FlowOk ok = (AMQP.Channel.FlowOk) channel.rpc(new AMQP.Channel.Flow.Builder().active(true).build()).getMethod();
        assertThat(ok.getActive()).isTrue();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void channelFlowInactiveFromClientIsNotImplemented() throws Exception {
        Channel channel = openChannel();
        AMQP.Connection.Close close = AmqpErrors.connectionClose(
                () -> channel.rpc(new AMQP.Channel.Flow.Builder().active(false).build()));
        assertClose(close, AMQP.NOT_IMPLEMENTED, "NOT_IMPLEMENTED");
    }

    @Test
    void blockedListenerCanBeRegistered() throws Exception {
        // Triggering a resource alarm would disturb every other client of a shared node; the
        // client advertises connection.blocked, the server must accept that and say it supports it.
        Connection connection = connect();
        connection.addBlockedListener(reason -> { }, () -> { });
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) connection.getServerProperties().get("capabilities");
        assertThat(capabilities.get("connection.blocked")).isEqualTo(Boolean.TRUE);
        assertThat(connection.createChannel().isOpen()).isTrue();
    }
}
