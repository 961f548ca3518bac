package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RabbitMQ's sender-selected distribution: the CC and BCC headers (arrays of strings) add
 * routing keys; BCC is stripped before delivery, CC is kept; the envelope keeps the original key.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class SenderSelectedDistributionIT extends ConformanceBase {

    @Test
    void ccAndBccAddRoutingKeysAndBccIsRemoved() throws Exception {
        Channel channel = openConfirmChannel();
        String main = unique("main");
        String copied = unique("cc");
        String blind = unique("bcc");
        String mainQueue = channel.queueDeclare().getQueue();
        String ccQueue = channel.queueDeclare().getQueue();
        String bccQueue = channel.queueDeclare().getQueue();
        channel.queueBind(mainQueue, "amq.direct", main);
        channel.queueBind(ccQueue, "amq.direct", copied);
        channel.queueBind(bccQueue, "amq.direct", blind);

        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of(copied), "BCC", List.of(blind), "other", "kept")).build();
        publishConfirmed(channel, "amq.direct", main, properties, "hello");

        for (String queue : List.of(mainQueue, ccQueue, bccQueue)) {
            GetResponse response = channel.basicGet(queue, true);
            assertThat(response).as("copy in %s", queue).isNotNull();
            assertThat(response.getEnvelope().getRoutingKey()).isEqualTo(main);
            Map<String, Object> headers = response.getProps().getHeaders();
            assertThat(headers).doesNotContainKey("BCC").containsKeys("CC", "other");
            assertThat(((List<?>) headers.get("CC"))).singleElement().extracting(Object::toString).isEqualTo(copied);
            assertThat(headers.get("other")).isInstanceOf(LongString.class);
        }
    }

    @Test
    void ccAloneRoutesEvenWhenTheRoutingKeyMatchesNothing() throws Exception {
        Channel channel = openConfirmChannel();
        String copied = unique("cc");
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, "amq.direct", copied);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(Map.of("CC", List.of(copied))).build();
        publishConfirmed(channel, "amq.direct", unique("unbound"), properties, "via cc");
        assertThat(Messages.drain(channel, queue)).containsExactly("via cc");
    }

    @Test
    void ccThatIsNotAnArrayIsRefused() throws Exception {
        Channel channel = openChannel();
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(Map.of("CC", "not-a-list")).build();
        channel.basicPublish("amq.direct", unique("k"), properties, new byte[0]);
        AMQP.Channel.Close close = AmqpErrors.awaitChannelClose(channel);
        assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertThat(close.getReplyText()).contains("CC");
    }
}
