package dev.revenant.broker.durable;

import dev.revenant.amqp.FieldCodec;
import dev.revenant.store.DefinitionStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Durable exchanges, queues, bindings and policies of one virtual host, kept in the definitions store as
 * AMQP field tables (the codec the broker already has), so a restart declares them again.
 * Thread-safe (the store is); called under the virtual host's monitor.
 */
public final class DefinitionJournal {
    private static final String EXCHANGE = "exchange";
    private static final String QUEUE = "queue";
    private static final String BINDING = "binding";
    private static final String POLICY = "policy";

    private final DefinitionStore store;
    private final String vhost;

    public DefinitionJournal(DefinitionStore store, String vhost) {
        this.store = store;
        this.vhost = vhost;
    }

    /** A durable exchange as declared. */
    public record ExchangeRecord(String name, String type, boolean autoDelete, boolean internal, Map<String, Object> arguments) { }

    /** A durable queue as declared. */
    public record QueueRecord(String name, boolean autoDelete, Map<String, Object> arguments, boolean paused) { }

    /** A binding between durable ends; the destination is a queue or an exchange. */
    public record BindingRecord(String source, String destination, boolean toQueue, String routingKey, Map<String, Object> arguments) { }

    public void saveExchange(ExchangeRecord e) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", e.name());
        t.put("type", e.type());
        t.put("auto_delete", e.autoDelete());
        t.put("internal", e.internal());
        t.put("arguments", e.arguments());
        store.put(EXCHANGE, key(e.name()), encode(t));
    }

    public void removeExchange(String name) {
        store.remove(EXCHANGE, key(name));
    }

    public void saveQueue(QueueRecord q) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", q.name());
        t.put("auto_delete", q.autoDelete());
        t.put("arguments", q.arguments());
        t.put("paused", q.paused());
        store.put(QUEUE, key(q.name()), encode(t));
    }

    public void removeQueue(String name) {
        store.remove(QUEUE, key(name));
    }

    public void saveBinding(BindingRecord b) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("source", b.source());
        t.put("destination", b.destination());
        t.put("to_queue", b.toQueue());
        t.put("routing_key", b.routingKey());
        t.put("arguments", b.arguments());
        store.put(BINDING, bindingKey(b), encode(t));
    }

    public void removeBinding(BindingRecord b) {
        store.remove(BINDING, bindingKey(b));
    }

    /** A policy; its definition is kept as given (validated when it is read back into a policy). */
    public record PolicyRecord(String name, String pattern, String applyTo, int priority, Map<String, Object> definition) { }

    public void savePolicy(PolicyRecord p) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", p.name());
        t.put("pattern", p.pattern());
        t.put("apply_to", p.applyTo());
        t.put("priority", p.priority());
        t.put("definition", p.definition());
        store.put(POLICY, key(p.name()), encode(t));
    }

    public void removePolicy(String name) {
        store.remove(POLICY, key(name));
    }

    public List<PolicyRecord> policies() {
        List<PolicyRecord> all = new ArrayList<>();
        for (Map<String, Object> t : list(POLICY)) {
            all.add(new PolicyRecord((String) t.get("name"), (String) t.get("pattern"), (String) t.get("apply_to"),
                    ((Number) t.get("priority")).intValue(), table(t.get("definition"))));
        }
        return all;
    }

    public List<ExchangeRecord> exchanges() {
        List<ExchangeRecord> all = new ArrayList<>();
        for (Map<String, Object> t : list(EXCHANGE)) {
            all.add(new ExchangeRecord((String) t.get("name"), (String) t.get("type"), (Boolean) t.get("auto_delete"),
                    (Boolean) t.get("internal"), table(t.get("arguments"))));
        }
        return all;
    }

    public List<QueueRecord> queues() {
        List<QueueRecord> all = new ArrayList<>();
        for (Map<String, Object> t : list(QUEUE)) {
            all.add(new QueueRecord((String) t.get("name"), (Boolean) t.get("auto_delete"), table(t.get("arguments")),
                    Boolean.TRUE.equals(t.get("paused"))));
        }
        return all;
    }

    public List<BindingRecord> bindings() {
        List<BindingRecord> all = new ArrayList<>();
        for (Map<String, Object> t : list(BINDING)) {
            all.add(new BindingRecord((String) t.get("source"), (String) t.get("destination"), (Boolean) t.get("to_queue"),
                    (String) t.get("routing_key"), table(t.get("arguments"))));
        }
        return all;
    }

    /** The store key of a durable queue's message log. */
    public String queueLogKey(String queue) {
        return key(queue);
    }

    private String key(String name) {
        return vhost + "\u0000" + name;
    }

    private String bindingKey(BindingRecord b) {
        return key(b.source() + "\u0000" + (b.toQueue() ? "q:" : "e:") + b.destination() + "\u0000" + b.routingKey()
                + "\u0000" + java.util.Base64.getEncoder().encodeToString(encode(b.arguments())));
    }

    private List<Map<String, Object>> list(String kind) {
        List<Map<String, Object>> tables = new ArrayList<>();
        String prefix = vhost + "\u0000";
        for (Map.Entry<String, byte[]> e : store.list(kind).entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                tables.add(FieldCodec.readTable(Unpooled.wrappedBuffer(e.getValue())));
            }
        }
        return tables;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static byte[] encode(Map<String, Object> table) {
        ByteBuf buf = Unpooled.buffer();
        FieldCodec.writeTable(buf, table);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }
}
