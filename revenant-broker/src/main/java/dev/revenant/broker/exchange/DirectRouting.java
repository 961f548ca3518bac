package dev.revenant.broker.exchange;

import dev.revenant.broker.routing.DirectBindings;
import java.util.Map;
import java.util.function.Consumer;

/** Direct exchange: a destination matches when its binding key equals the routing key. */
final class DirectRouting implements ExchangeType {
    private final DirectBindings<Destination> bindings = new DirectBindings<>();

    @Override
    public String typeName() {
        return "direct";
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
        for (Destination d : bindings.route(routingKey)) {
            out.accept(d);
        }
    }
}
