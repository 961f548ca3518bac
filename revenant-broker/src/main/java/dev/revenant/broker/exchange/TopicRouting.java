package dev.revenant.broker.exchange;

import dev.revenant.broker.routing.TopicBindings;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Topic exchange: binding keys are dot-separated words where '*' is one word and '#' zero or
 * more; matching walks a trie of the binding words, never every binding.
 */
final class TopicRouting implements ExchangeType {
    private final TopicBindings<Destination> bindings = new TopicBindings<>();

    @Override
    public String typeName() {
        return "topic";
    }

    @Override
    public void add(Binding binding) {
        bindings.bind(binding.routingKey(), binding.destination());
    }

    @Override
    public void remove(Binding binding) {
        bindings.unbind(binding.routingKey(), binding.destination());
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        bindings.route(routingKey, out);
    }
}
