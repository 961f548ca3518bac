package dev.revenant.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.revenant.broker.AmqpException;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import dev.revenant.broker.queue.arguments.QueueDeclaration;
import dev.revenant.broker.vhost.VirtualHost;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/queues}: list, show, declare, delete, purge, and pause or resume deliveries.
 * Declaring follows queue.declare's rules (argument validation, equivalence), answering 201 for a
 * new queue and 204 for an equivalent existing one, as RabbitMQ does.
 */
final class QueueResource {
    private final BrokerCalls calls;

    QueueResource(BrokerCalls calls) {
        this.calls = calls;
    }

    void register(Routes routes) {
        routes.add("GET", "api/queues", r -> ApiResponse.ok(list(calls.broker().virtualHosts())))
                .add("GET", "api/queues/{vhost}", r -> ApiResponse.ok(list(List.of(calls.vhost(r.path("vhost"))))))
                .add("GET", "api/queues/{vhost}/{name}", r -> ApiResponse.ok(TopologyJson.queue(queue(r))))
                .add("PUT", "api/queues/{vhost}/{name}", this::declare)
                .add("DELETE", "api/queues/{vhost}/{name}", this::delete)
                .add("DELETE", "api/queues/{vhost}/{name}/contents", r -> {
                    BrokerCalls.await(queue(r).purge());
                    return ApiResponse.noContent();
                })
                .add("POST", "api/queues/{vhost}/{name}/pause", r -> pause(r, true))
                .add("POST", "api/queues/{vhost}/{name}/resume", r -> pause(r, false));
    }

    private MessageQueue queue(ApiRequest request) {
        return calls.queue(request.path("vhost"), request.path("name"));
    }

    private static List<Map<String, Object>> list(Iterable<VirtualHost> vhosts) {
        List<MessageQueue> queues = new ArrayList<>();
        for (VirtualHost vhost : vhosts) {
            queues.addAll(vhost.queues());
        }
        queues.sort(Comparator.comparing(MessageQueue::vhost).thenComparing(MessageQueue::name));
        List<Map<String, Object>> json = new ArrayList<>(queues.size());
        for (MessageQueue queue : queues) {
            json.add(TopologyJson.queue(queue));
        }
        return json;
    }

    private ApiResponse declare(ApiRequest request) {
        VirtualHost vhost = calls.vhost(request.path("vhost"));
        JsonBody body = request.jsonObject();
        Boolean durable = body.bool("durable");
        Boolean autoDelete = body.bool("auto_delete");
        if (Boolean.TRUE.equals(body.bool("exclusive"))) {
            throw ApiError.badRequest("exclusive queues belong to a connection and cannot be declared over HTTP");
        }
        ObjectNode arguments = body.objectField("arguments");
        String name = request.path("name");
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw ApiError.badRequest("queue name is longer than 255 bytes");
        }
        QueueDeclaration declaration = new QueueDeclaration(vhost.name(), name, Boolean.TRUE.equals(durable), false,
                Boolean.TRUE.equals(autoDelete), arguments == null ? Map.of() : FieldTableJson.fromJson(arguments, "arguments"));
        boolean existed = vhost.queue(name) != null;
        try {
            vhost.declareQueue(declaration, false, false, null);
        } catch (AmqpException | PreconditionFailedException e) {
            throw BrokerCalls.translate(e);
        }
        return existed ? ApiResponse.noContent() : ApiResponse.created(null);
    }

    private ApiResponse delete(ApiRequest request) throws InterruptedException {
        boolean ifUnused = flag(request, "if-unused");
        boolean ifEmpty = flag(request, "if-empty");
        BrokerCalls.await(queue(request).delete(ifUnused, ifEmpty));
        return ApiResponse.noContent();
    }

    private ApiResponse pause(ApiRequest request, boolean pause) throws InterruptedException {
        BrokerCalls.await(queue(request).pause(pause));
        return ApiResponse.noContent();
    }

    private static boolean flag(ApiRequest request, String name) {
        String value = request.query(name);
        if (value == null || value.equals("false")) {
            return false;
        } else if (value.equals("true")) {
            return true;
        }
        throw ApiError.badRequest("query parameter '" + name + "' must be true or false, was '" + value + "'");
    }
}
