package dev.revenant.broker.exchange;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Fanout exchange: every bound destination matches, whatever the routing key. */
final class FanoutRouting implements ExchangeType {
    private volatile List<Destination> destinations = List.of();

    @Override
    public String typeName() {
        return "fanout";
    }

    @Override
    public synchronized void add(Binding binding) {
        destinations = CopyOnWrite.with(destinations, binding.destination());
    }

    @Override
    public synchronized void remove(Binding binding) {
        List<Destination> next = CopyOnWrite.without(destinations, binding.destination());
        destinations = next == null ? List.of() : next;
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        for (Destination d : destinations) {
            out.accept(d);
        }
    }
}
