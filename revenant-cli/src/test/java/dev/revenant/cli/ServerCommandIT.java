package dev.revenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code revenant server} as its own OS process: ready line, a client from this process, SIGTERM. */
class ServerCommandIT {
    private static final Pattern READY = Pattern.compile("Revenant ready amqp=(\\d+) http=(\\d+)");

    @Test
    void servesClientsFromAnotherProcessAndStopsOnSigterm(@TempDir Path dataDir) throws Exception {
        Process server = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.revenant.cli.Main", "server", "--amqp-port", "0", "--http-port", "0", "--data-dir", dataDir.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            int port = awaitReadyPorts(server)[0];
            ConnectionFactory factory = new ConnectionFactory();
            factory.setPort(port);
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDeclare("cli-it", false, false, false, null);
                channel.confirmSelect();
                channel.basicPublish("", "cli-it", null, "across processes".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(5000);
                GetResponse got = channel.basicGet("cli-it", true);
                assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("across processes");
            }
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(15, TimeUnit.SECONDS)).as("server exits after SIGTERM").isTrue();
        } finally {
            server.destroyForcibly();
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
        Process server = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.revenant.cli.Main", "server", "--amqp-port", "0", "--http-port", "0", "--data-dir", dataDir.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            int[] ports = awaitReadyPorts(server);
            assertThat(ports[1]).as("a real port, not the 0 asked for").isPositive();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> overview = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[1] + "/api/overview"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(overview.statusCode()).isEqualTo(200);
            JsonNode json = new ObjectMapper().readTree(overview.body());
            assertThat(json.get("product_name").asText()).isEqualTo("Revenant");
            assertThat(json.get("listeners").findValuesAsText("protocol")).containsExactly("amqp", "http");
            assertThat(json.get("listeners").findValues("port")).extracting(JsonNode::asInt).containsExactly(ports[0], ports[1]);
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[1] + "/api/queues"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(15, TimeUnit.SECONDS)).as("server exits after SIGTERM").isTrue();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void theHttpPortDefaultsToRabbitMqsManagementPort() {
        assertThat(ServerOptions.parse(new String[0]).config().httpPort()).isEqualTo(15672);
        assertThat(ServerOptions.parse(new String[] {"--http-port", "0"}).config().httpPort()).isZero();
        assertThat(ServerOptions.parse(new String[] {"--http-port", "-1"}).config().httpPort()).isEqualTo(-1);
    }

    /** The AMQP and HTTP ports of the ready line. */
    private static int[] awaitReadyPorts(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(l -> { });
                    } catch (java.io.UncheckedIOException closedWhenTheServerWasKilled) {
                        // nothing more to read
                    }
                }, "server-output");
                drain.setDaemon(true);
                drain.start();
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
        }
        throw new AssertionError("server never printed its ready line");
    }
}
