package dev.revenant.management;

import com.fasterxml.jackson.databind.JsonNode;
import dev.revenant.broker.exchange.Exchange;
import dev.revenant.broker.redrive.MoveTarget;
import dev.revenant.broker.vhost.VirtualHost;

/**
 * Reads a move target from a request body: {@code "to": "origin"} or
 * {@code "to": {"exchange": E, "routing_key": K}} ({@code routing_key} defaults to ""), or for a
 * republish top-level {@code exchange} and {@code routing_key}. Anything else is a 400.
 */
final class MoveTargets {
    private MoveTargets() {
    }

    static MoveTarget parse(JsonBody body) {
        JsonNode to = body.node("to");
        if (to == null) {
            throw ApiError.badRequest("'to' is required: \"origin\" or {\"exchange\": ..., \"routing_key\": ...}");
        }
        if (to.isTextual()) {
            if (to.textValue().equals("origin")) {
                return MoveTarget.origin();
            }
            throw ApiError.badRequest("unknown 'to': \"" + to.textValue()
                    + "\"; use \"origin\" or {\"exchange\": ..., \"routing_key\": ...}");
        }
        if (!to.isObject()) {
            throw JsonBody.wrongType("to", "\"origin\" or an object {\"exchange\": ..., \"routing_key\": ...}", to);
        }
        JsonBody target = new JsonBody((com.fasterxml.jackson.databind.node.ObjectNode) to);
        String exchange = target.text("exchange");
        if (exchange == null) {
            throw ApiError.badRequest("'to.exchange' is required (\"\" is the default exchange)");
        }
        String routingKey = target.text("routing_key");
        return MoveTarget.exchange(exchange, routingKey == null ? "" : routingKey);
    }

    /** Top-level {@code exchange} and {@code routing_key}, as a republish takes them. */
    static MoveTarget exchange(JsonBody body) {
        String exchange = body.text("exchange");
        String routingKey = body.text("routing_key");
        if (exchange == null || routingKey == null) {
            throw ApiError.badRequest("'exchange' and 'routing_key' are required (or \"to\": \"origin\")");
        }
        return MoveTarget.exchange(exchange, routingKey);
    }

    /** 400 unless the target's exchange exists and may be published to. */
    static void requireExchange(VirtualHost vhost, MoveTarget target) {
        if (target instanceof MoveTarget.ToExchange to) {
            Exchange exchange = vhost.exchange(to.exchange());
            if (exchange == null) {
                throw ApiError.badRequest("no exchange '" + to.exchange() + "' in vhost '" + vhost.name() + "'");
            }
            if (exchange.internal()) {
                throw ApiError.badRequest("cannot publish to internal exchange '" + to.exchange() + "' in vhost '"
                        + vhost.name() + "'");
            }
        }
    }
}
