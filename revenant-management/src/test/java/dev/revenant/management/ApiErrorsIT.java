package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Authentication and the refusals every endpoint shares: always JSON, always the right 4xx. */
class ApiErrorsIT extends ApiTestSupport {

    @Test
    void missingCredentialsAre401WithAChallengeAndAJsonBody() throws Exception {
        Reply reply = send("GET", "/api/overview", null, null, null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        assertThat(reply.json().get("error").asText()).isEqualTo("not_authorized");
        assertThat(reply.json().get("reason").asText()).isEqualTo("Authentication required");
    }

    @Test
    void aWrongPasswordOrUnknownUserIs401LoginFailed() throws Exception {
        for (Reply reply : new Reply[] {send("GET", "/api/queues", null, "guest", "wrong"),
                send("GET", "/api/queues", null, "nobody", "guest")}) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get("reason").asText()).isEqualTo("Login failed");
            assertThat(reply.header("WWW-Authenticate")).isNotNull();
        }
    }

    @Test
    void authenticationComesBeforeRouting() throws Exception {
        assertThat(send("GET", "/api/no-such-thing", null, null, null).status()).isEqualTo(401);
    }

    @Test
    void unknownPathsVhostsAndQueuesAre404() throws Exception {
        Reply path = get("/api/no-such-thing");
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.json().get("error").asText()).isEqualTo("Object Not Found");

        Reply vhost = get("/api/queues/no-such-vhost");
        assertThat(vhost.status()).isEqualTo(404);
        assertThat(vhost.json().get("reason").asText()).isEqualTo("no vhost 'no-such-vhost'");

        Reply queue = get("/api/queues/%2F/no-such-queue");
        assertThat(queue.status()).isEqualTo(404);
        assertThat(queue.json().get("reason").asText()).isEqualTo("no queue 'no-such-queue' in vhost '/'");

        assertThat(send("DELETE", "/api/queues/%2F/no-such-queue", null).status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/queues/%2F/no-such-queue/contents", null).status()).isEqualTo(404);
        assertThat(send("POST", "/api/queues/%2F/no-such-queue/get", "{}").status()).isEqualTo(404);
        assertThat(send("POST", "/api/queues/no-such-vhost/q/move", "{\"to\":\"origin\"}").status()).isEqualTo(404);
        assertThat(get("/api/exchanges/%2F/no-such-exchange").status()).isEqualTo(404);
        assertThat(get("/api/moves/12345").status()).isEqualTo(404);
    }

    @Test
    void aWrongMethodIs405NamingTheAllowedOnes() throws Exception {
        Reply reply = send("POST", "/api/overview", "{}");
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("GET");
        assertThat(reply.json().get("error").asText()).isEqualTo("method_not_allowed");

        Reply queue = send("POST", "/api/queues/%2F/q", "{}");
        assertThat(queue.status()).isEqualTo(405);
        assertThat(queue.header("Allow")).isEqualTo("DELETE, GET, PUT");
    }

    @Test
    void malformedJsonAndWrongTypesAre400() throws Exception {
        Reply malformed = send("PUT", "/api/queues/%2F/errors.q", "{\"durable\": tru");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(malformed.json().get("reason").asText()).startsWith("malformed JSON");

        Reply trailing = send("PUT", "/api/queues/%2F/errors.q", "{\"durable\": true} {\"durable\": false}");
        assertThat(trailing.status()).isEqualTo(400);
        assertThat(trailing.json().get("reason").asText()).startsWith("malformed JSON");

        Reply notAnObject = send("PUT", "/api/queues/%2F/errors.q", "[1, 2]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.json().get("reason").asText()).isEqualTo("the body must be a JSON object, was array");

        Reply wrongType = send("PUT", "/api/queues/%2F/errors.q", "{\"durable\": \"yes\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("reason").asText()).isEqualTo("'durable' must be true or false, was string \"yes\"");

        assertThat(send("PUT", "/api/queues/%2F/errors.q", "{\"arguments\": [1]}").status()).isEqualTo(400);
        assertThat(send("POST", "/api/queues/%2F/errors.q/get", "{\"count\": \"5\"}").status()).as("the queue is looked up first").isEqualTo(404);
        send("PUT", "/api/queues/%2F/errors.q", "{}");
        assertThat(send("POST", "/api/queues/%2F/errors.q/get", "{\"count\": \"5\"}").status()).isEqualTo(400);
        assertThat(send("POST", "/api/queues/%2F/errors.q/get", "{\"count\": 1.5}").status()).isEqualTo(400);
        assertThat(send("POST", "/api/queues/%2F/errors.q/get", "{\"count\": 0}").status()).isEqualTo(400);
        assertThat(send("DELETE", "/api/queues/%2F/errors.q/messages/abc", null).status()).isEqualTo(400);
        assertThat(send("DELETE", "/api/queues/%2F/errors.q?if-empty=maybe", null).status()).isEqualTo(400);
        assertThat(get("/api/queues/%C3%28").status()).as("not UTF-8 once decoded").isEqualTo(400);
    }

    @Test
    void aBodyOverOneMebibyteIs413() throws Exception {
        String huge = "{\"pad\":\"" + "x".repeat(ApiRequest.MAX_BODY_BYTES) + "\"}";
        Reply reply = send("PUT", "/api/queues/%2F/huge.q", huge);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("error").asText()).isEqualTo("payload_too_large");
        assertThat(get("/api/queues/%2F/huge.q").status()).as("nothing declared").isEqualTo(404);
    }

    @Test
    void aChunkedBodyOverTheCapIs413Too() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", management.port())) {
            String auth = java.util.Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
            StringBuilder request = new StringBuilder("PUT /api/queues/%2F/chunked.q HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                    + auth + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            String chunk = "y".repeat(64 * 1024);
            for (int i = 0; i < 17; i++) {
                request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            request.append("0\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }
    }
}
