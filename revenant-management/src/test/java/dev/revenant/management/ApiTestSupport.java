package dev.revenant.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.revenant.broker.Broker;
import dev.revenant.broker.BrokerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** An embedded broker with its management API on free ports, an HTTP client and an AMQP channel. */
abstract class ApiTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    static Broker broker;
    static ManagementServer management;
    static HttpClient http;
    Connection connection;
    Channel channel;

    /** A response: status, headers and the body as text and (when JSON) as a tree. */
    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    @BeforeAll
    static void startBroker() {
        broker = Broker.start(BrokerConfig.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).build());
        management = ManagementServer.start(broker, "127.0.0.1", 0);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopBroker() {
        management.close();
        broker.close();
    }

    @BeforeEach
    void openChannel() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(broker.amqpPort());
        factory.setAutomaticRecoveryEnabled(false);
        connection = factory.newConnection();
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    @AfterEach
    void closeChannel() throws Exception {
        if (connection.isOpen()) {
            connection.close();
        }
    }

    static Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    static Reply send(String method, String path, String body) throws Exception {
        return send(method, path, body, "guest", "guest");
    }

    static Reply send(String method, String path, String body, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    void publish(String queue, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(5000);
    }

    java.util.List<String> drain(String queue) throws Exception {
        java.util.List<String> bodies = new java.util.ArrayList<>();
        com.rabbitmq.client.GetResponse got;
        while ((got = channel.basicGet(queue, true)) != null) {
            bodies.add(new String(got.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    int ready(String queue) throws Exception {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }
}
