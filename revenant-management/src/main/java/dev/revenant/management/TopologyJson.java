package dev.revenant.management;

import dev.revenant.broker.exchange.Binding;
import dev.revenant.broker.exchange.Exchange;
import dev.revenant.broker.policy.Policy;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.arguments.QueueArguments;
import dev.revenant.broker.server.AmqpConnection;
import dev.revenant.broker.vhost.VirtualHost;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Queues, exchanges, bindings and connections as RabbitMQ's management API lists them (its field
 * names), plus Revenant's own queue fields: {@code paused} and the dead-letter, delivery-limit and
 * retry settings as the queue works by them (its policy included). Counts are the queues' last published snapshots. Pure apart from those reads.
 */
final class TopologyJson {
    private TopologyJson() {
    }

    static Map<String, Object> queue(MessageQueue queue) {
        int ready = queue.readyCountSnapshot();
        int unacked = queue.unackedCountSnapshot();
        QueueArguments arguments = queue.effectiveArguments();
        Policy policy = queue.policy();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", queue.name());
        json.put("vhost", queue.vhost());
        json.put("type", arguments.type().wireName());
        json.put("durable", queue.settings().durable());
        json.put("auto_delete", queue.settings().autoDelete());
        json.put("exclusive", queue.settings().exclusive());
        json.put("arguments", FieldTableJson.toJson(queue.settings().arguments().raw()));
        json.put("policy", policy == null ? null : policy.name());
        json.put("effective_policy_definition", policy == null ? Map.of() : FieldTableJson.toJson(policy.definition()));
        json.put("state", "running");
        json.put("messages", ready + unacked);
        json.put("messages_ready", ready);
        json.put("messages_unacknowledged", unacked);
        json.put("consumers", queue.consumerCountSnapshot());
        json.put("paused", queue.paused());
        json.put("dead_letter_exchange", arguments.deadLetterExchange().orElse(null));
        json.put("dead_letter_routing_key", arguments.deadLetterRoutingKey().orElse(null));
        json.put("delivery_limit", arguments.deliveryLimit().isPresent() ? arguments.deliveryLimit().getAsLong() : null);
        json.put("retry_delays", arguments.retryDelays().orElse(null));
        json.put("message_ttl", arguments.messageTtl().isPresent() ? arguments.messageTtl().getAsLong() : null);
        return json;
    }

    static Map<String, Object> exchange(VirtualHost vhost, Exchange exchange) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", exchange.name());
        json.put("vhost", vhost.name());
        json.put("type", exchange.typeName());
        json.put("durable", exchange.durable());
        json.put("auto_delete", exchange.autoDelete());
        json.put("internal", exchange.internal());
        json.put("arguments", FieldTableJson.toJson(exchange.arguments()));
        return json;
    }

    static Map<String, Object> binding(VirtualHost vhost, Binding binding) {
        return binding(vhost.name(), binding.source().name(), binding.destination().name(),
                binding.destination().isQueue() ? "queue" : "exchange", binding.routingKey(), binding.arguments());
    }

    /** The implicit binding of a queue to the default exchange, which RabbitMQ lists too. */
    static Map<String, Object> defaultBinding(MessageQueue queue) {
        return binding(queue.vhost(), "", queue.name(), "queue", queue.name(), Map.of());
    }

    private static Map<String, Object> binding(String vhost, String source, String destination, String destinationType,
                                               String routingKey, Map<String, Object> arguments) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("vhost", vhost);
        json.put("destination", destination);
        json.put("destination_type", destinationType);
        json.put("routing_key", routingKey);
        json.put("arguments", FieldTableJson.toJson(arguments));
        json.put("properties_key", arguments.isEmpty() ? routingKey
                : routingKey + "~" + Integer.toHexString(arguments.hashCode()));
        return json;
    }

    static Map<String, Object> connection(AmqpConnection connection) {
        Map<String, Object> json = new LinkedHashMap<>();
        String name = connection.id().replace("/", "");
        json.put("name", name);
        json.put("user", connection.user() == null ? null : connection.user().name());
        String[] ends = name.split(" -> ");
        putEndpoint(json, "peer_host", "peer_port", ends[0]);
        if (ends.length > 1) {
            putEndpoint(json, "host", "port", ends[1]);
        }
        json.put("protocol", "AMQP 0-9-1");
        json.put("state", connection.user() == null ? "starting" : "running");
        return json;
    }

    private static void putEndpoint(Map<String, Object> json, String hostField, String portField, String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        json.put(hostField, address.substring(0, colon));
        try {
            json.put(portField, Integer.parseInt(address.substring(colon + 1)));
        } catch (NumberFormatException e) {
            json.put(portField, null);
        }
    }
}
