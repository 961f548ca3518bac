package dev.revenant.broker.vhost;

import dev.revenant.broker.AmqpException;
import dev.revenant.broker.deadletter.DeadLetterReason;
import dev.revenant.broker.exchange.Binding;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.exchange.Destination;
import dev.revenant.broker.exchange.Exchange;
import dev.revenant.broker.exchange.ExchangeType;
import dev.revenant.broker.exchange.ExchangeTypes;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.QueueHost;
import dev.revenant.broker.queue.QueueSettings;
import dev.revenant.broker.queue.arguments.ExchangeArguments;
import dev.revenant.broker.queue.arguments.ExchangeDeclaration;
import dev.revenant.broker.queue.arguments.QueueDeclaration;
import dev.revenant.broker.queue.arguments.QueueEquivalence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A virtual host's exchanges, queues and bindings. Lookups are lock-free; every change to the
 * topology is made under this object's monitor, so declarations are atomic with respect to each
 * other. Queue state itself stays on each queue's executor.
 */
public final class VirtualHost implements QueueHost {
    private final String name;
    private final Executor queuePool;
    private final ScheduledExecutorService timer;
    private final Map<String, Exchange> exchanges = new ConcurrentHashMap<>();
    private final Map<String, MessageQueue> queues = new ConcurrentHashMap<>();
    private final Router router = new Router(this);
    private final DeadLetterer deadLetterer = new DeadLetterer(this);

    public VirtualHost(String name, Executor queuePool, ScheduledExecutorService timer) {
        this.name = name;
        this.queuePool = queuePool;
        this.timer = timer;
        addExchange(new Exchange("", ExchangeTypes.create("direct"), true, false, false, Map.of()));
        addExchange(new Exchange("amq.direct", ExchangeTypes.create("direct"), true, false, false, Map.of()));
        addExchange(new Exchange("amq.fanout", ExchangeTypes.create("fanout"), true, false, false, Map.of()));
        addExchange(new Exchange("amq.topic", ExchangeTypes.create("topic"), true, false, false, Map.of()));
        addExchange(new Exchange("amq.headers", ExchangeTypes.create("headers"), true, false, false, Map.of()));
        addExchange(new Exchange("amq.match", ExchangeTypes.create("headers"), true, false, false, Map.of()));
    }

    public String name() { return name; }
    public Router router() { return router; }
    public Exchange exchange(String exchangeName) { return exchanges.get(exchangeName); }
    public MessageQueue queue(String queueName) { return queues.get(queueName); }
    public Collection<Exchange> exchanges() { return List.copyOf(exchanges.values()); }
    public Collection<MessageQueue> queues() { return List.copyOf(queues.values()); }

    @Override
    public ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public void deadLetter(MessageQueue source, Message message, DeadLetterReason reason) {
        deadLetterer.deadLetter(source, message, reason);
    }

    /** Dead-lettered messages dropped because their dead-letter exchange was missing or routed nowhere. */
    public long deadLettersDropped() {
        return deadLetterer.droppedCount();
    }

    /** exchange.declare: returns the existing or new exchange, or throws the error RabbitMQ gives. */
    public synchronized Exchange declareExchange(String exchangeName, String type, boolean passive, boolean durable,
                                                 boolean autoDelete, boolean internal, Map<String, Object> arguments) {
        Exchange existing = exchanges.get(exchangeName);
        if (passive) {
            if (existing == null) {
                throw AmqpException.channel(AmqpException.NOT_FOUND, "no exchange '" + exchangeName + "' in vhost '" + name + "'");
            }
            return existing;
        }
        ExchangeType routing = ExchangeTypes.create(type);
        if (routing == null) {
            throw AmqpException.connection(dev.revenant.amqp.AmqpSpec.COMMAND_INVALID,
                    (type.startsWith("x-") ? "unknown exchange type '" : "invalid exchange type '") + type + "'");
        }
        ExchangeDeclaration requested = new ExchangeDeclaration(name, exchangeName, type, durable, autoDelete, internal, arguments);
        if (existing == null) {
            if (exchangeName.startsWith("amq.")) {
                throw AmqpException.channel(AmqpException.ACCESS_REFUSED,
                        "exchange name '" + exchangeName + "' contains reserved prefix 'amq.*'");
            }
            ExchangeArguments.parse(requested);
            Exchange created = new Exchange(exchangeName, routing, durable, autoDelete, internal, arguments);
            addExchange(created);
            return created;
        }
        ExchangeArguments.checkEquivalent(existing.declaration(name), requested);
        return existing;
    }

    /** exchange.delete: deleting a missing exchange succeeds, as in RabbitMQ. */
    public synchronized void deleteExchange(String exchangeName, boolean ifUnused) {
        if (exchangeName.isEmpty() || exchangeName.startsWith("amq.")) {
            throw AmqpException.channel(AmqpException.ACCESS_REFUSED, "operation not permitted on " + describeDefault(exchangeName));
        }
        Exchange exchange = exchanges.get(exchangeName);
        if (exchange == null) {
            return;
        }
        if (ifUnused && exchange.hasBindings()) {
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "exchange '" + exchangeName + "' in vhost '" + name + "' in use");
        }
        removeExchange(exchange);
    }

    /** queue.declare for a new or existing queue; validation of arguments is the caller's. */
    public synchronized MessageQueue declareQueue(QueueDeclaration requested, boolean passive, boolean serverNamed, Object owner) {
        MessageQueue existing = queues.get(requested.name());
        boolean lockedByOther = existing != null && existing.exclusiveOwner() != null && existing.exclusiveOwner() != owner;
        boolean exclusiveMismatch = existing != null && !passive && requested.exclusive() != existing.settings().exclusive();
        if (lockedByOther || exclusiveMismatch) {
            throw AmqpException.channel(AmqpException.RESOURCE_LOCKED, "cannot obtain exclusive access to locked queue '"
                    + requested.name() + "' in vhost '" + name + "'. It could be originally declared on another connection "
                    + "or the exclusive property value does not match that of the original declaration.");
        }
        if (passive) {
            if (existing == null) {
                throw AmqpException.channel(AmqpException.NOT_FOUND, "no queue '" + requested.name() + "' in vhost '" + name + "'");
            }
            return existing;
        }
        if (existing == null) {
            if (requested.name().startsWith("amq.") && !serverNamed) {
                throw AmqpException.channel(AmqpException.ACCESS_REFUSED,
                        "queue name '" + requested.name() + "' contains reserved prefix 'amq.*'");
            }
            QueueSettings settings = QueueSettings.of(requested);
            MessageQueue created = new MessageQueue(settings, name, settings.exclusive() ? owner : null, this, queuePool);
            queues.put(settings.name(), created);
            return created;
        }
        QueueEquivalence.check(existing.settings().declaration(), requested);
        return existing;
    }

    /** queue.bind / exchange.bind. */
    public synchronized void bind(Destination destination, String exchangeName, String routingKey, Map<String, Object> arguments) {
        Exchange source = requireBindableSource(exchangeName);
        source.bind(new Binding(source, destination, routingKey, arguments));
    }

    /** queue.unbind / exchange.unbind: a missing binding is fine; may auto-delete the source. */
    public synchronized void unbind(Destination destination, String exchangeName, String routingKey, Map<String, Object> arguments) {
        if (exchangeName.isEmpty()) {
            throw AmqpException.channel(AmqpException.ACCESS_REFUSED, "operation not permitted on the default exchange");
        }
        Exchange source = exchanges.get(exchangeName);
        if (source != null && destination != null && source.unbind(new Binding(source, destination, routingKey, arguments))) {
            autoDeleteIfUnused(source);
        }
    }

    /** Deletes every exclusive queue of a connection that closed. */
    public void ownerClosed(Object owner) {
        for (MessageQueue q : queues.values()) {
            if (q.exclusiveOwner() == owner) {
                q.delete(false, false);
            }
        }
    }

    @Override
    public synchronized void queueDeleted(MessageQueue queue) {
        queues.remove(queue.name(), queue);
        removeBindingsTo(queue);
    }

    private Exchange requireBindableSource(String exchangeName) {
        if (exchangeName.isEmpty()) {
            throw AmqpException.channel(AmqpException.ACCESS_REFUSED, "operation not permitted on the default exchange");
        }
        Exchange source = exchanges.get(exchangeName);
        if (source == null) {
            throw AmqpException.channel(AmqpException.NOT_FOUND, "no exchange '" + exchangeName + "' in vhost '" + name + "'");
        }
        return source;
    }

    private void removeExchange(Exchange exchange) {
        exchanges.remove(exchange.name(), exchange);
        for (Binding b : exchange.bindings()) {
            exchange.unbind(b);
        }
        removeBindingsTo(exchange);
    }

    private void removeBindingsTo(Destination destination) {
        List<Exchange> touched = new ArrayList<>();
        for (Exchange e : exchanges.values()) {
            for (Binding b : e.bindings()) {
                if (b.destination() == destination && e.unbind(b)) {
                    touched.add(e);
                }
            }
        }
        touched.forEach(this::autoDeleteIfUnused);
    }

    private void autoDeleteIfUnused(Exchange exchange) {
        if (exchange.autoDelete() && !exchange.hasBindings() && exchanges.get(exchange.name()) == exchange) {
            removeExchange(exchange);
        }
    }

    private void addExchange(Exchange exchange) {
        exchanges.put(exchange.name(), Objects.requireNonNull(exchange));
    }

    private static String describeDefault(String exchangeName) {
        return exchangeName.isEmpty() ? "the default exchange" : "exchange '" + exchangeName + "'";
    }
}
