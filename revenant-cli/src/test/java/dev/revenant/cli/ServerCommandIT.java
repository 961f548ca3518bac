package dev.revenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code revenant server} as its own OS process: ready line, clients from this process, SIGTERM. */
class ServerCommandIT {

    @Test
    void servesClientsFromAnotherProcessAndStopsOnSigterm(@TempDir Path dataDir) throws Exception {
        try (BrokerProcess server = BrokerProcess.start(dataDir)) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setPort(server.amqpPort());
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDeclare("cli-it", false, false, false, null);
                channel.confirmSelect();
                channel.basicPublish("", "cli-it", null, "across processes".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(5000);
                GetResponse got = channel.basicGet("cli-it", true);
                assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("across processes");
            }
            assertThat(server.stop()).as("server exits after SIGTERM").isTrue();
        }
    }

    @Test
    void badOptionExitsWithUsageError() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Main.run(new String[] {"server", "--amqp-port", "seventy"}, System.out,
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--amqp-port must be an integer, was 'seventy'");
    }

    @Test
    void servesTheManagementApiOnTheHttpPortItPrints(@TempDir Path dataDir) throws Exception {
        try (BrokerProcess server = BrokerProcess.start(dataDir)) {
            assertThat(server.httpPort()).as("a real port, not the 0 asked for").isPositive();
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + server.httpPort());
            HttpResponse<String> overview = http.send(HttpRequest.newBuilder(base.resolve("/api/overview"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(overview.statusCode()).isEqualTo(200);
            JsonNode json = new ObjectMapper().readTree(overview.body());
            assertThat(json.get("product_name").asText()).isEqualTo("Revenant");
            assertThat(json.get("listeners").findValuesAsText("protocol")).containsExactly("amqp", "http");
            assertThat(json.get("listeners").findValues("port")).extracting(JsonNode::asInt)
                    .containsExactly(server.amqpPort(), server.httpPort());
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(base.resolve("/api/queues")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(server.stop()).as("server exits after SIGTERM").isTrue();
        }
    }

    @Test
    void theHttpPortDefaultsToRabbitMqsManagementPort() {
        assertThat(ServerOptions.parse(new String[0]).config().httpPort()).isEqualTo(15672);
        assertThat(ServerOptions.parse(new String[] {"--http-port", "0"}).config().httpPort()).isZero();
        assertThat(ServerOptions.parse(new String[] {"--http-port", "-1"}).config().httpPort()).isEqualTo(-1);
    }
}
