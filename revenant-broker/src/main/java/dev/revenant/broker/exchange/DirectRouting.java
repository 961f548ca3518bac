package dev.revenant.broker.exchange;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Direct exchange: a destination matches when its binding key equals the routing key. */
final class DirectRouting implements ExchangeType {
    private final Map<String, List<Destination>> byKey = new ConcurrentHashMap<>();

    @Override
    public String typeName() {
        return "direct";
    }

    @Override
    public void add(Binding binding) {
        byKey.compute(binding.routingKey(), (k, list) -> CopyOnWrite.with(list, binding.destination()));
    }

    @Override
    public void remove(Binding binding) {
        byKey.computeIfPresent(binding.routingKey(), (k, list) -> CopyOnWrite.without(list, binding.destination()));
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        List<Destination> list = byKey.get(routingKey);
        if (list != null) {
            for (Destination d : list) {
                out.accept(d);
            }
        }
    }
}
