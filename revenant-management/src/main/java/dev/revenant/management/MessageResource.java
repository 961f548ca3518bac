package dev.revenant.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.revenant.amqp.BasicProperties;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.QueuedMessage;
import dev.revenant.broker.redrive.MoveTarget;
import dev.revenant.broker.redrive.Republisher;
import dev.revenant.broker.vhost.VirtualHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Messages in a queue: RabbitMQ's {@code POST .../get} (with Revenant's {@code offset} paging),
 * and Revenant's delete and republish of one message by its broker id. The requeueing ack modes
 * only look (they browse: nothing is consumed, reordered or marked redelivered); the others take
 * messages from the head as RabbitMQ does ({@code ack_requeue_false} removes them,
 * {@code reject_requeue_false} dead-letters them).
 */
final class MessageResource {
    /** Most messages one {@code /get} returns. */
    static final int MAX_COUNT = 10_000;

    private final BrokerCalls calls;

    MessageResource(BrokerCalls calls) {
        this.calls = calls;
    }

    void register(Routes routes) {
        routes.add("POST", "api/queues/{vhost}/{name}/get", this::get)
                .add("DELETE", "api/queues/{vhost}/{name}/messages/{id}", this::delete)
                .add("POST", "api/queues/{vhost}/{name}/messages/{id}/republish", this::republish);
    }

    private ApiResponse get(ApiRequest request) throws InterruptedException {
        MessageQueue queue = calls.queue(request.path("vhost"), request.path("name"));
        JsonBody body = request.jsonObject();
        Long count = body.integer("count", 1, MAX_COUNT);
        Long offset = body.integer("offset", 0, Integer.MAX_VALUE);
        Long truncate = body.integer("truncate", 0, Integer.MAX_VALUE);
        String ackMode = body.text("ackmode");
        String encoding = body.text("encoding");
        if (encoding != null && !encoding.equals("auto") && !encoding.equals("base64")) {
            throw ApiError.badRequest("Unsupported encoding. Please use auto or base64.");
        }
        boolean base64 = "base64".equals(encoding);
        int limit = count == null ? 1 : count.intValue();
        int cut = truncate == null ? -1 : truncate.intValue();
        String mode = ackMode == null ? "ack_requeue_true" : ackMode;
        switch (mode) {
            case "ack_requeue_true", "reject_requeue_true" -> {
                return ApiResponse.ok(peek(queue, offset == null ? 0 : offset.intValue(), limit, base64, cut));
            }
            case "ack_requeue_false", "reject_requeue_false" -> {
                if (offset != null && offset > 0) {
                    throw ApiError.badRequest("'offset' only pages a peek (ackmode ack_requeue_true or reject_requeue_true);"
                            + " ackmode " + mode + " takes messages from the head");
                }
                return ApiResponse.ok(take(queue, limit, mode.startsWith("reject"), base64, cut));
            }
            default -> throw ApiError.badRequest("'ackmode' must be one of ack_requeue_true, reject_requeue_true,"
                    + " ack_requeue_false, reject_requeue_false; was '" + mode + "'");
        }
    }

    private static List<Map<String, Object>> peek(MessageQueue queue, int offset, int limit, boolean base64, int cut)
            throws InterruptedException {
        List<QueuedMessage> page = BrokerCalls.await(queue.browse(offset, limit));
        int ready = queue.readyCountSnapshot();
        List<Map<String, Object>> json = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            json.add(MessageJson.message(page.get(i), base64, cut, Math.max(0, ready - (offset + i + 1))));
        }
        return json;
    }

    private static List<Map<String, Object>> take(MessageQueue queue, int limit, boolean reject, boolean base64, int cut)
            throws InterruptedException {
        List<Map<String, Object>> json = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            MessageQueue.GetResult got = BrokerCalls.await(queue.get(false));
            if (got == null) {
                break;
            }
            long[] sequence = {got.message().sequence()};
            if (reject) {
                queue.reject(sequence, 1);
            } else {
                queue.ack(sequence, 1);
            }
            json.add(MessageJson.message(got.message(), base64, cut, got.remaining()));
        }
        return json;
    }

    private ApiResponse delete(ApiRequest request) throws InterruptedException {
        MessageQueue queue = calls.queue(request.path("vhost"), request.path("name"));
        long id = messageId(request);
        if (!BrokerCalls.await(queue.removeMessage(id))) {
            throw ApiError.notFound("no ready message with id " + id + " in queue '" + queue.name() + "' in vhost '"
                    + queue.vhost() + "' (it may have been delivered to a consumer)");
        }
        return ApiResponse.noContent();
    }

    private ApiResponse republish(ApiRequest request) throws InterruptedException {
        VirtualHost vhost = calls.vhost(request.path("vhost"));
        MessageQueue queue = calls.queue(request.path("vhost"), request.path("name"));
        long id = messageId(request);
        JsonBody body = request.jsonObject();
        MoveTarget target = body.has("to") ? MoveTargets.parse(body) : MoveTargets.exchange(body);
        MoveTargets.requireExchange(vhost, target);
        ObjectNode properties = body.objectField("properties");
        BasicProperties edited = properties == null ? null : MessageJson.properties(properties);
        byte[] payload = MessageJson.payload(body);
        Boolean removeOriginal = body.bool("remove_original");
        UnaryOperator<Message> edit = original -> {
            if (edited == null && payload == null) {
                return original;
            }
            BasicProperties props = edited != null ? edited : original.properties();
            return new Message(original.exchange(), original.routingKey(), props, Message.encode(props),
                    payload != null ? payload : original.body(), -1);
        };
        Republisher.Outcome outcome = BrokerCalls.await(
                Republisher.republish(vhost, queue, id, target, edit, !Boolean.FALSE.equals(removeOriginal)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("routed", true);
        json.put("id", outcome.copyId());
        json.put("queues", outcome.queues());
        json.put("original_removed", outcome.originalRemoved());
        return ApiResponse.ok(json);
    }

    private static long messageId(ApiRequest request) {
        String id = request.path("id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("message id must be a whole number (the \"id\" of /get), was '" + id + "'");
        }
    }
}
