package dev.revenant.broker.vhost;

import dev.revenant.broker.exchange.Destination;
import dev.revenant.broker.exchange.Exchange;
import dev.revenant.broker.queue.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves a publish to the set of queues it reaches: the exchange's own matches, onward through
 * exchange-to-exchange bindings (each exchange visited once, so binding cycles end), and the
 * alternate exchange of any exchange that matched nothing. Safe on any thread.
 */
public final class Router {
    private final VirtualHost vhost;

    Router(VirtualHost vhost) {
        this.vhost = vhost;
    }

    /** Queues reached from {@code exchange} for any of {@code routingKeys}, each once, in match order. */
    public List<MessageQueue> route(Exchange exchange, List<String> routingKeys, Map<String, Object> headers) {
        List<MessageQueue> queues = new ArrayList<>(2);
        List<Exchange> visited = new ArrayList<>(2);
        visit(exchange, routingKeys, headers, queues, visited);
        return queues;
    }

    private void visit(Exchange exchange, List<String> keys, Map<String, Object> headers,
                       List<MessageQueue> queues, List<Exchange> visited) {
        for (Exchange seen : visited) {
            if (seen == exchange) {
                return;
            }
        }
        visited.add(exchange);
        List<Exchange> onward = new ArrayList<>(0);
        boolean[] matched = {false};
        if (exchange.name().isEmpty()) {
            for (String key : keys) {
                MessageQueue q = vhost.queue(key);
                if (q != null) {
                    matched[0] = true;
                    addOnce(queues, q);
                }
            }
        } else {
            for (String key : keys) {
                exchange.type().route(key, headers, (Destination d) -> {
                    matched[0] = true;
                    if (d.isQueue()) {
                        addOnce(queues, (MessageQueue) d);
                    } else {
                        onward.add((Exchange) d);
                    }
                });
            }
        }
        for (Exchange next : onward) {
            visit(next, keys, headers, queues, visited);
        }
        if (!matched[0]) {
            String alternate = exchange.alternateExchange();
            Exchange ae = alternate == null ? null : vhost.exchange(alternate);
            if (ae != null) {
                visit(ae, keys, headers, queues, visited);
            }
        }
    }

    private static void addOnce(List<MessageQueue> queues, MessageQueue q) {
        for (MessageQueue existing : queues) {
            if (existing == q) {
                return;
            }
        }
        queues.add(q);
    }
}
