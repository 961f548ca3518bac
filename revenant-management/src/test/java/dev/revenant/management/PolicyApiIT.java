package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code /api/policies}: set, show, list and clear, the queue fields they change, and refusals. */
class PolicyApiIT extends ApiTestSupport {

    @Test
    void aPolicySetOverHttpDeadLettersFromAnExistingQueueUntilCleared() throws Exception {
        channel.exchangeDeclare("http-dlx", "fanout", false);
        channel.queueDeclare("http-dlx.q", false, false, false, null);
        channel.queueBind("http-dlx.q", "http-dlx", "");
        channel.queueDeclare("billing.eu", false, false, false, null);
        String body = "{\"pattern\":\"^billing\\\\.\",\"apply-to\":\"queues\",\"priority\":1,"
                + "\"definition\":{\"dead-letter-exchange\":\"http-dlx\",\"delivery-limit\":2}}";
        assertThat(send("PUT", "/api/policies/%2F/billing", body).status()).isEqualTo(201);
        assertThat(send("PUT", "/api/policies/%2F/billing", body).status()).isEqualTo(204);

        JsonNode policy = get("/api/policies/%2F/billing").json();
        assertThat(policy.get("pattern").asText()).isEqualTo("^billing\\.");
        assertThat(policy.get("apply-to").asText()).isEqualTo("queues");
        assertThat(policy.get("priority").asInt()).isEqualTo(1);
        assertThat(policy.get("definition").get("dead-letter-exchange").asText()).isEqualTo("http-dlx");
        assertThat(get("/api/policies").json().findValuesAsText("name")).contains("billing");
        assertThat(get("/api/policies/%2F").json().findValuesAsText("name")).contains("billing");

        JsonNode queue = get("/api/queues/%2F/billing.eu").json();
        assertThat(queue.get("policy").asText()).isEqualTo("billing");
        assertThat(queue.get("effective_policy_definition").get("delivery-limit").asInt()).isEqualTo(2);
        assertThat(queue.get("dead_letter_exchange").asText()).isEqualTo("http-dlx");
        assertThat(queue.get("arguments").size()).as("declared arguments stay as declared").isZero();

        channel.basicPublish("", "billing.eu", null, "failed".getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5000);
        long tag = channel.basicGet("billing.eu", false).getEnvelope().getDeliveryTag();
        channel.basicReject(tag, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> ready("http-dlx.q") == 1);

        assertThat(send("DELETE", "/api/policies/%2F/billing", null).status()).isEqualTo(204);
        assertThat(get("/api/policies/%2F/billing").status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/policies/%2F/billing", null).status()).isEqualTo(404);
        JsonNode cleared = get("/api/queues/%2F/billing.eu").json();
        assertThat(cleared.get("policy").isNull()).isTrue();
        assertThat(cleared.get("dead_letter_exchange").isNull()).isTrue();
    }

    @Test
    void badPoliciesAreRefusedWith400NamingTheProblem() throws Exception {
        assertRefused("{\"definition\":{\"max-length\":1}}", "'pattern' is required");
        assertRefused("{\"pattern\":\".*\"}", "'definition' is required");
        assertRefused("{\"pattern\":\".*\",\"definition\":{}}", "at least one key");
        assertRefused("{\"pattern\":\"(\",\"definition\":{\"max-length\":1}}", "invalid pattern");
        assertRefused("{\"pattern\":\".*\",\"apply-to\":\"streams\",\"definition\":{\"max-length\":1}}", "'apply-to'");
        assertRefused("{\"pattern\":\".*\",\"priority\":\"high\",\"definition\":{\"max-length\":1}}", "'priority'");
        assertRefused("{\"pattern\":\".*\",\"definition\":{\"max-length\":-1}}", "'max-length'");
        assertRefused("{\"pattern\":\".*\",\"definition\":{\"message-ttl\":\"soon\"}}", "'message-ttl'");
        assertRefused("{\"pattern\":\".*\",\"definition\":{\"overflow\":\"explode\"}}", "'overflow'");
        assertRefused("{\"pattern\":\".*\",\"definition\":{\"ha-mode\":\"all\"}}", "'ha-mode'");
        assertRefused("{\"pattern\":", "malformed JSON");
        assertThat(get("/api/policies/%2F/bad").status()).as("nothing was stored").isEqualTo(404);
        assertThat(send("PUT", "/api/policies/nosuch/p", "{\"pattern\":\".*\",\"definition\":{\"max-length\":1}}").status())
                .isEqualTo(404);
    }

    private static void assertRefused(String body, String reasonPart) throws Exception {
        Reply reply = send("PUT", "/api/policies/%2F/bad", body);
        assertThat(reply.status()).as(body).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(reply.json().get("reason").asText()).as(body).contains(reasonPart);
    }
}
