package dev.revenant.broker.exchange;

import dev.revenant.broker.routing.HeadersBindings;
import java.util.Map;
import java.util.function.Consumer;

/** Headers exchange: a binding matches on the message's headers per its x-match argument. */
final class HeadersRouting implements ExchangeType {
    private final HeadersBindings<Destination> bindings = new HeadersBindings<>();

    @Override
    public String typeName() {
        return "headers";
    }

    @Override
    public void add(Binding binding) {
        bindings.bind(binding.arguments(), binding.destination());
    }

    @Override
    public void remove(Binding binding) {
        bindings.unbind(binding.arguments(), binding.destination());
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        bindings.route(headers == null ? Map.of() : headers, out);
    }
}
