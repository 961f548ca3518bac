package dev.revenant.management;

import dev.revenant.broker.exchange.Binding;
import dev.revenant.broker.exchange.Exchange;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.server.AmqpConnection;
import dev.revenant.broker.vhost.VirtualHost;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The read-only views: {@code /api/overview} (product, totals, listeners), {@code /api/vhosts},
 * {@code /api/exchanges[/{vhost}[/{name}]]}, {@code /api/bindings[/{vhost}]} (including each
 * queue's implicit binding to the default exchange, as RabbitMQ lists it) and
 * {@code /api/connections}.
 */
final class OverviewResource {
    private final BrokerCalls calls;
    private final IntSupplier httpPort;

    OverviewResource(BrokerCalls calls, IntSupplier httpPort) {
        this.calls = calls;
        this.httpPort = httpPort;
    }

    void register(Routes routes) {
        routes.add("GET", "api/overview", r -> ApiResponse.ok(overview()))
                .add("GET", "api/vhosts", r -> {
                    List<Map<String, Object>> json = new ArrayList<>();
                    for (VirtualHost vhost : vhosts()) {
                        json.add(Map.of("name", vhost.name()));
                    }
                    return ApiResponse.ok(json);
                })
                .add("GET", "api/exchanges", r -> ApiResponse.ok(exchanges(vhosts())))
                .add("GET", "api/exchanges/{vhost}", r -> ApiResponse.ok(exchanges(List.of(calls.vhost(r.path("vhost"))))))
                .add("GET", "api/exchanges/{vhost}/{name}", r -> {
                    VirtualHost vhost = calls.vhost(r.path("vhost"));
                    Exchange exchange = vhost.exchange(r.path("name"));
                    if (exchange == null) {
                        throw ApiError.notFound("no exchange '" + r.path("name") + "' in vhost '" + vhost.name() + "'");
                    }
                    return ApiResponse.ok(TopologyJson.exchange(vhost, exchange));
                })
                .add("GET", "api/bindings", r -> ApiResponse.ok(bindings(vhosts())))
                .add("GET", "api/bindings/{vhost}", r -> ApiResponse.ok(bindings(List.of(calls.vhost(r.path("vhost"))))))
                .add("GET", "api/connections", r -> {
                    List<Map<String, Object>> json = new ArrayList<>();
                    for (AmqpConnection connection : calls.broker().connections()) {
                        json.add(TopologyJson.connection(connection));
                    }
                    return ApiResponse.ok(json);
                });
    }

    private List<VirtualHost> vhosts() {
        List<VirtualHost> vhosts = new ArrayList<>(calls.broker().virtualHosts());
        vhosts.sort(Comparator.comparing(VirtualHost::name));
        return vhosts;
    }

    private Map<String, Object> overview() {
        long ready = 0;
        long unacked = 0;
        long consumers = 0;
        int queues = 0;
        int exchanges = 0;
        for (VirtualHost vhost : vhosts()) {
            exchanges += vhost.exchanges().size();
            for (MessageQueue queue : vhost.queues()) {
                queues++;
                ready += queue.readyCountSnapshot();
                unacked += queue.unackedCountSnapshot();
                consumers += queue.consumerCountSnapshot();
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("product_name", "Revenant");
        json.put("product_version", ManagementServer.VERSION);
        json.put("management_version", ManagementServer.VERSION);
        json.put("object_totals", ordered("connections", calls.broker().connections().size(), "exchanges", exchanges,
                "queues", queues, "consumers", consumers));
        json.put("queue_totals", ordered("messages", ready + unacked, "messages_ready", ready,
                "messages_unacknowledged", unacked));
        json.put("listeners", List.of(
                ordered("protocol", "amqp", "port", calls.broker().amqpPort()),
                ordered("protocol", "http", "port", httpPort.getAsInt())));
        return json;
    }

    /** A JSON object with its keys in the order given. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            json.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return json;
    }

    private static List<Map<String, Object>> exchanges(List<VirtualHost> vhosts) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (VirtualHost vhost : vhosts) {
            List<Exchange> exchanges = new ArrayList<>(vhost.exchanges());
            exchanges.sort(Comparator.comparing(Exchange::name));
            exchanges.forEach(exchange -> json.add(TopologyJson.exchange(vhost, exchange)));
        }
        return json;
    }

    private static List<Map<String, Object>> bindings(List<VirtualHost> vhosts) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (VirtualHost vhost : vhosts) {
            List<MessageQueue> queues = new ArrayList<>(vhost.queues());
            queues.sort(Comparator.comparing(MessageQueue::name));
            queues.forEach(queue -> json.add(TopologyJson.defaultBinding(queue)));
            List<Binding> bindings = new ArrayList<>();
            vhost.exchanges().forEach(exchange -> bindings.addAll(exchange.bindings()));
            bindings.sort(Comparator.comparing((Binding b) -> b.source().name())
                    .thenComparing(b -> b.destination().name()).thenComparing(Binding::routingKey));
            bindings.forEach(binding -> json.add(TopologyJson.binding(vhost, binding)));
        }
        return json;
    }
}
