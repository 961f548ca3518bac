package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Headers exchange matching: x-match all (the default) / any, and all-with-x / any-with-x which
 * also compare x- headers; a void binding value matches any value; integers of different
 * widths compare by value, strings never equal numbers; the routing key is ignored.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class HeadersExchangeIT extends ConformanceBase {

    /** Binds a fresh queue with the arguments, publishes each header set, returns what arrived. */
    private List<String> routed(Map<String, Object> bindingArguments, Map<String, Map<String, Object>> messages) throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = deleteExchangeAfterTest(unique("headers"));
        channel.exchangeDeclare(exchange, "headers", false, false, null);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, "ignored-key", bindingArguments);
        for (Map.Entry<String, Map<String, Object>> message : messages.entrySet()) {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(message.getValue()).build();
            channel.basicPublish(exchange, "any-key", properties, Messages.utf8(message.getKey()));
        }
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
        return Messages.drain(channel, queue);
    }

    private static Map<String, Map<String, Object>> messages(Object... nameThenHeaders) {
        Map<String, Map<String, Object>> messages = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameThenHeaders.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = (Map<String, Object>) nameThenHeaders[i + 1];
            messages.put((String) nameThenHeaders[i], headers);
        }
        return messages;
    }

    @Test
    void allRequiresEveryBoundHeader() throws Exception {
        assertThat(routed(Map.of("x-match", "all", "kind", "paid", "region", "eu"), messages(
                "both", Map.of("kind", "paid", "region", "eu"),
                "both and more", Map.of("kind", "paid", "region", "eu", "extra", 1),
                "one", Map.of("kind", "paid"),
                "wrong value", Map.of("kind", "paid", "region", "us"),
                "none", Map.of()))).containsExactly("both", "both and more");
    }

    @Test
    void allIsTheDefault() throws Exception {
        assertThat(routed(Map.of("kind", "paid", "region", "eu"), messages(
                "both", Map.of("kind", "paid", "region", "eu"),
                "one", Map.of("region", "eu")))).containsExactly("both");
    }

    @Test
    void anyRequiresOneBoundHeader() throws Exception {
        assertThat(routed(Map.of("x-match", "any", "kind", "paid", "region", "eu"), messages(
                "first", Map.of("kind", "paid"),
                "second", Map.of("region", "eu", "other", "x"),
                "neither", Map.of("kind", "refund", "other", "eu"),
                "none", Map.of()))).containsExactly("first", "second");
    }

    @Test
    void xHeadersAreIgnoredByAllAndAny() throws Exception {
        assertThat(routed(Map.of("x-match", "all", "x-tenant", "a", "kind", "paid"), messages(
                "without x-tenant", Map.of("kind", "paid"),
                "other x-tenant", Map.of("kind", "paid", "x-tenant", "b")))).containsExactly("without x-tenant", "other x-tenant");
        assertThat(routed(Map.of("x-match", "any", "x-tenant", "a"), messages(
                "matching x-tenant", Map.of("x-tenant", "a")))).isEmpty();
    }

    @Test
    void allWithXAndAnyWithXCompareXHeadersToo() throws Exception {
        assertThat(routed(Map.of("x-match", "all-with-x", "x-tenant", "a", "kind", "paid"), messages(
                "both", Map.of("kind", "paid", "x-tenant", "a"),
                "kind only", Map.of("kind", "paid"),
                "other tenant", Map.of("kind", "paid", "x-tenant", "b")))).containsExactly("both");
        assertThat(routed(Map.of("x-match", "any-with-x", "x-tenant", "a", "kind", "paid"), messages(
                "tenant only", Map.of("x-tenant", "a"),
                "kind only", Map.of("kind", "paid"),
                "neither", Map.of("x-tenant", "b")))).containsExactly("tenant only", "kind only");
    }

    @Test
    void emptyBindingMatchesEverythingUnderAllAndNothingUnderAny() throws Exception {
        assertThat(routed(Map.of(), messages("with headers", Map.of("a", 1), "without", Map.of())))
                .containsExactly("with headers", "without");
        assertThat(routed(Map.of("x-match", "any"), messages("with headers", Map.of("a", 1)))).isEmpty();
    }

    @Test
    void voidBindingValueMatchesPresenceOfTheHeader() throws Exception {
        Map<String, Object> binding = new HashMap<>();
        binding.put("trace", null);
        assertThat(routed(binding, messages(
                "string value", Map.of("trace", "abc"),
                "number value", Map.of("trace", 7),
                "absent", Map.of("other", "abc")))).containsExactly("string value", "number value");
    }

    @Test
    void integersCompareByValueAcrossWidthsButNeverEqualStrings() throws Exception {
        assertThat(routed(Map.of("n", 1), messages(
                "int", Map.of("n", 1),
                "long", Map.of("n", 1L),
                "short", Map.of("n", (short) 1),
                "string", Map.of("n", "1"),
                "other int", Map.of("n", 2)))).containsExactly("int", "long", "short");
    }

    @Test
    void invalidXMatchIsRefusedAtBindTime() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        AMQP.Channel.Close close = channelClose(() -> openChannel().queueBind(queue, "amq.headers", "", Map.of("x-match", "some")));
        assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertThat(close.getReplyText()).contains("x-match");
    }
}
