package dev.revenant.broker.exchange;

import dev.revenant.broker.routing.FanoutBindings;
import java.util.Map;
import java.util.function.Consumer;

/** Fanout exchange: every bound destination matches, whatever the routing key. */
final class FanoutRouting implements ExchangeType {
    private final FanoutBindings<Destination> bindings = new FanoutBindings<>();

    @Override
    public String typeName() {
        return "fanout";
    }

    @Override
    public void add(Binding binding) {
        bindings.bind(binding.destination());
    }

    @Override
    public void remove(Binding binding) {
        bindings.unbind(binding.destination());
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        for (Destination d : bindings.route()) {
            out.accept(d);
        }
    }
}
