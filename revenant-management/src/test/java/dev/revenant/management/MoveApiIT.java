package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Move tasks over HTTP: start, progress, pause, resume, cancel, and every refusal. */
class MoveApiIT extends ApiTestSupport {

    @Test
    void movesTheFirstNToAnExchangeAndReportsProgress() throws Exception {
        channel.queueDeclare("mv.src", false, false, false, null);
        channel.queueDeclare("mv.dst", false, false, false, null);
        publish("mv.src", 6);

        Reply started = send("POST", "/api/queues/%2F/mv.src/move",
                "{\"to\":{\"exchange\":\"\",\"routing_key\":\"mv.dst\"},\"limit\":4,\"rate\":1000}");

        assertThat(started.status()).isEqualTo(201);
        String id = started.json().get("id").asText();
        JsonNode done = awaitState(id, "completed");
        assertThat(done.get("moved").asLong()).isEqualTo(4);
        assertThat(done.get("remaining").asLong()).isZero();
        assertThat(done.get("total").asLong()).isEqualTo(4);
        assertThat(done.get("queue").asText()).isEqualTo("mv.src");
        assertThat(done.get("to").get("routing_key").asText()).isEqualTo("mv.dst");
        assertThat(done.get("limit").asLong()).isEqualTo(4);
        assertThat(done.get("rate").asDouble()).isEqualTo(1000.0);
        assertThat(done.get("started_at").asText()).isNotEmpty();
        assertThat(done.get("finished_at").asText()).isNotEmpty();
        assertThat(done.get("last_error").isNull()).isTrue();
        assertThat(drain("mv.dst")).containsExactly("m0", "m1", "m2", "m3");
        assertThat(drain("mv.src")).containsExactly("m4", "m5");
        assertThat(get("/api/moves").json().findValuesAsText("id")).contains(id);
    }

    @Test
    void pausesResumesAndCancels() throws Exception {
        channel.queueDeclare("ctl.src", false, false, false, null);
        channel.queueDeclare("ctl.dst", false, false, false, null);
        publish("ctl.src", 40);
        String id = send("POST", "/api/queues/%2F/ctl.src/move", "{\"to\":{\"exchange\":\"\",\"routing_key\":\"ctl.dst\"},\"rate\":20}")
                .json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> move(id).get("moved").asLong() >= 2);

        assertThat(send("POST", "/api/moves/" + id + "/pause", null).status()).isEqualTo(204);
        assertThat(move(id).get("state").asText()).isEqualTo("paused");
        assertThat(send("POST", "/api/moves/" + id + "/resume", null).status()).isEqualTo(204);
        assertThat(move(id).get("state").asText()).isEqualTo("running");

        assertThat(send("DELETE", "/api/moves/" + id, null).status()).isEqualTo(204);
        JsonNode cancelled = awaitFinished(id);
        assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
        long moved = cancelled.get("moved").asLong();
        assertThat(moved).isBetween(2L, 39L);
        assertThat(ready("ctl.dst") + ready("ctl.src")).as("nothing lost").isEqualTo(40);
        assertThat(cancelled.get("remaining").asLong()).isEqualTo(40 - moved);

        Reply pauseEnded = send("POST", "/api/moves/" + id + "/pause", null);
        assertThat(pauseEnded.status()).isEqualTo(409);
        assertThat(pauseEnded.json().get("reason").asText()).isEqualTo("cannot pause move task " + id + ": it is cancelled");
        assertThat(send("DELETE", "/api/moves/" + id, null).status()).as("cancelling again is harmless").isEqualTo(204);
        assertThat(send("POST", "/api/moves/nope/resume", null).status()).isEqualTo(404);
    }

    @Test
    void refusesBadMoveRequests() throws Exception {
        channel.queueDeclare("bad.src", false, false, false, null);
        String path = "/api/queues/%2F/bad.src/move";
        assertReason(send("POST", path, "{}"), 400, "'to' is required");
        assertReason(send("POST", path, "{\"to\":\"elsewhere\"}"), 400, "unknown 'to': \"elsewhere\"");
        assertReason(send("POST", path, "{\"to\":42}"), 400, "'to' must be");
        assertReason(send("POST", path, "{\"to\":{\"routing_key\":\"k\"}}"), 400, "'to.exchange' is required");
        assertReason(send("POST", path, "{\"to\":{\"exchange\":\"missing\",\"routing_key\":\"k\"}}"), 400,
                "no exchange 'missing' in vhost '/'");
        assertReason(send("POST", path, "{\"to\":\"origin\",\"limit\":\"ten\"}"), 400, "'limit' must be a whole number");
        assertReason(send("POST", path, "{\"to\":\"origin\",\"limit\":0}"), 400, "'limit' must be between 1");
        assertReason(send("POST", path, "{\"to\":\"origin\",\"rate\":-5}"), 400, "'rate' must be more than 0");
        assertReason(send("POST", path, "{\"to\":\"origin\",\"rate\":\"fast\"}"), 400, "'rate' must be a number");
        assertReason(send("POST", path, "{\"to\":\"origin\""), 400, "malformed JSON");
        assertReason(send("POST", "/api/queues/%2F/missing.src/move", "{\"to\":\"origin\"}"), 404, "no queue 'missing.src'");
        assertReason(get("/api/moves/not-a-task"), 404, "no move task 'not-a-task'");
        assertReason(send("PUT", "/api/moves/1", "{}"), 405, "PUT is not allowed here");
    }

    @Test
    void aMoveThatFailsSaysWhyAndLeavesTheMessages() throws Exception {
        channel.queueDeclare("fail.src", false, false, false, null);
        publish("fail.src", 3);
        String id = send("POST", "/api/queues/%2F/fail.src/move", "{\"to\":\"origin\"}").json().get("id").asText();

        JsonNode failed = awaitFinished(id);
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("last_error").asText()).contains("has no origin");
        assertThat(failed.get("moved").asLong()).isZero();
        assertThat(failed.get("remaining").asLong()).isEqualTo(3);
        assertThat(drain("fail.src")).containsExactly("m0", "m1", "m2");
    }

    static JsonNode move(String id) throws Exception {
        Reply reply = get("/api/moves/" + id);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    static JsonNode awaitState(String id, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> move(id).get("state").asText().equals(state)
                && !move(id).get("finished_at").isNull());
        try {
            return move(id);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode awaitFinished(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !move(id).get("finished_at").isNull());
        try {
            return move(id);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertReason(Reply reply, int status, String reasonStart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("reason").asText()).startsWith(reasonStart);
    }
}
