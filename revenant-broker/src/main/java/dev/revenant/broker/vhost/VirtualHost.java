package dev.revenant.broker.vhost;

import dev.revenant.broker.AmqpException;
import dev.revenant.broker.deadletter.DeadLetterReason;
import dev.revenant.broker.durable.DefinitionJournal;
import dev.revenant.broker.durable.QueueJournal;
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
import dev.revenant.broker.policy.Policy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import dev.revenant.store.DefinitionStore;
import dev.revenant.store.MessageStore;

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
    private final VirtualHostPolicies policies;
    private final Router router = new Router(this);
    private final DeadLetterer deadLetterer = new DeadLetterer(this);
    private final DelayedMessages delayedMessages;
    private final MessageStore store;
    private final DefinitionJournal definitions;

    public VirtualHost(String name, Executor queuePool, ScheduledExecutorService timer, MessageStore store,
                       DefinitionStore definitionStore) {
        this.name = name;
        this.queuePool = queuePool;
        this.timer = timer;
        this.delayedMessages = new DelayedMessages(this, timer);
        this.store = store;
        this.definitions = new DefinitionJournal(definitionStore, name);
        this.policies = new VirtualHostPolicies(definitions, name);
        addExchange(new Exchange("", ExchangeTypes.create("direct"), true, false, false, Map.of()));
        addExchange(new Exchange("amq.direct", ExchangeTypes.create("direct"), true, false, false, Map.of()));
        addExchange(new Exchange("amq.fanout", ExchangeTypes.create("fanout"), true, false, false, Map.of()));
        addExchange(new Exchange("amq.topic", ExchangeTypes.create("topic"), true, false, false, Map.of()));
        addExchange(new Exchange("amq.headers", ExchangeTypes.create("headers"), true, false, false, Map.of()));
        addExchange(new Exchange("amq.match", ExchangeTypes.create("headers"), true, false, false, Map.of()));
    }

    public String name() { return name; }
    public Router router() { return router; }
    public DelayedMessages delayedMessages() { return delayedMessages; }
    public Exchange exchange(String exchangeName) { return exchanges.get(exchangeName); }
    public MessageQueue queue(String queueName) { return queues.get(queueName); }
    public Collection<Exchange> exchanges() { return List.copyOf(exchanges.values()); }
    public Collection<MessageQueue> queues() { return List.copyOf(queues.values()); }

    @Override
    public ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public CompletableFuture<Void> deadLetter(MessageQueue source, Message message, DeadLetterReason reason) {
        return deadLetterer.deadLetter(source, message, reason);
    }

    @Override
    public synchronized void pausedChanged(MessageQueue queue) {
        if (queues.get(queue.name()) == queue && isPersisted(queue)) {
            definitions.saveQueue(queueRecord(queue));
        }
    }

    /** Completes once everything the store was given so far is on disk. */
    public CompletableFuture<Void> syncStore() {
        return store.sync();
    }

    /** The message store under this virtual host's durable queues. */
    public MessageStore store() {
        return store;
    }

    /** The policies of this virtual host, sorted by name. */
    public List<Policy> policies() {
        return policies.all();
    }

    public Policy policy(String policyName) {
        return policies.get(policyName);
    }

    /** Adds or replaces a policy (kept on disk); completes once every queue works by the policy now its own. */
    public synchronized CompletableFuture<Void> setPolicy(Policy policy) {
        policies.put(policy);
        return reapplyPolicies();
    }

    /** Removes a policy; completes with whether it existed, once the queues no longer work by it. */
    public synchronized CompletableFuture<Boolean> clearPolicy(String policyName) {
        return policies.remove(policyName) ? reapplyPolicies().thenApply(done -> true) : CompletableFuture.completedFuture(false);
    }

    private CompletableFuture<Void> reapplyPolicies() {
        List<CompletableFuture<?>> applied = new ArrayList<>();
        for (MessageQueue queue : queues.values()) {
            // Always posted, even when unchanged: an earlier change may still be queued on that queue.
            applied.add(queue.applyPolicy(policies.forQueue(queue.name())));
        }
        return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new));
    }

    /** Declares the durable topology kept on disk again and loads the queues' messages; completes when done. */
    public synchronized CompletableFuture<Void> recover() {
        policies.recover();
        for (DefinitionJournal.ExchangeRecord e : definitions.exchanges()) {
            ExchangeType routing = ExchangeTypes.create(e.type(), e.arguments());
            if (!exchanges.containsKey(e.name()) && routing != null) {
                addExchange(new Exchange(e.name(), routing, true, e.autoDelete(), e.internal(), e.arguments()));
            }
        }
        List<CompletableFuture<?>> loads = new ArrayList<>();
        for (DefinitionJournal.QueueRecord q : definitions.queues()) {
            QueueSettings settings = QueueSettings.of(new QueueDeclaration(name, q.name(), true, false, q.autoDelete(), q.arguments()));
            MessageQueue queue = createQueue(settings, null);
            loads.add(queue.recover());
            if (q.paused()) {
                loads.add(queue.pause(true));
            }
        }
        for (DefinitionJournal.BindingRecord b : definitions.bindings()) {
            Exchange source = exchanges.get(b.source());
            Destination destination = b.toQueue() ? queues.get(b.destination()) : exchanges.get(b.destination());
            if (source != null && destination != null) {
                source.bind(new Binding(source, destination, b.routingKey(), b.arguments()));
            }
        }
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new));
    }

    private MessageQueue createQueue(QueueSettings settings, Object owner) {
        boolean persisted = settings.durable() && !settings.exclusive();
        QueueJournal journal = persisted ? new QueueJournal(store, store.queue(definitions.queueLogKey(settings.name()), true))
                : QueueJournal.NONE;
        MessageQueue queue = new MessageQueue(settings, name, settings.exclusive() ? owner : null, this, queuePool, journal,
                policies.forQueue(settings.name()));
        queues.put(settings.name(), queue);
        if (persisted) {
            definitions.saveQueue(queueRecord(queue));
        }
        return queue;
    }

    private static boolean isPersisted(MessageQueue queue) {
        return queue.settings().durable() && !queue.settings().exclusive();
    }

    private static DefinitionJournal.QueueRecord queueRecord(MessageQueue queue) {
        return new DefinitionJournal.QueueRecord(queue.name(), queue.settings().autoDelete(),
                queue.settings().declaration().argumentsOrEmpty(), queue.paused());
    }

    private static boolean isPersisted(Destination destination) {
        return destination instanceof MessageQueue q ? isPersisted(q) : ((Exchange) destination).durable();
    }

    private void saveBinding(Binding b, boolean add) {
        if (b.source().durable() && isPersisted(b.destination())) {
            DefinitionJournal.BindingRecord record = new DefinitionJournal.BindingRecord(b.source().name(), b.destination().name(),
                    b.destination().isQueue(), b.routingKey(), b.arguments());
            if (add) {
                definitions.saveBinding(record);
            } else {
                definitions.removeBinding(record);
            }
        }
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
        if (!ExchangeTypes.isKnown(type)) {
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
            Exchange created = new Exchange(exchangeName, ExchangeTypes.create(type, arguments), durable, autoDelete, internal, arguments);
            addExchange(created);
            if (durable) {
                definitions.saveExchange(new DefinitionJournal.ExchangeRecord(exchangeName, type, autoDelete, internal,
                        arguments == null ? Map.of() : arguments));
            }
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
            return createQueue(QueueSettings.of(requested), owner);
        }
        QueueEquivalence.check(existing.settings().declaration(), requested);
        return existing;
    }

    /** queue.bind / exchange.bind. */
    public synchronized void bind(Destination destination, String exchangeName, String routingKey, Map<String, Object> arguments) {
        Exchange source = requireBindableSource(exchangeName);
        Binding binding = new Binding(source, destination, routingKey, arguments);
        if (source.bind(binding)) {
            saveBinding(binding, true);
        }
    }

    /** queue.unbind / exchange.unbind: a missing binding is fine; may auto-delete the source. */
    public synchronized void unbind(Destination destination, String exchangeName, String routingKey, Map<String, Object> arguments) {
        if (exchangeName.isEmpty()) {
            throw AmqpException.channel(AmqpException.ACCESS_REFUSED, "operation not permitted on the default exchange");
        }
        Exchange source = exchanges.get(exchangeName);
        Binding binding = source == null || destination == null ? null : new Binding(source, destination, routingKey, arguments);
        if (binding != null && source.unbind(binding)) {
            saveBinding(binding, false);
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
        if (queues.remove(queue.name(), queue) && isPersisted(queue)) {
            definitions.removeQueue(queue.name());
        }
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
        if (exchange.durable()) {
            definitions.removeExchange(exchange.name());
        }
        for (Binding b : exchange.bindings()) {
            if (exchange.unbind(b)) {
                saveBinding(b, false);
            }
        }
        removeBindingsTo(exchange);
    }

    private void removeBindingsTo(Destination destination) {
        List<Exchange> touched = new ArrayList<>();
        for (Exchange e : exchanges.values()) {
            for (Binding b : e.bindings()) {
                if (b.destination() == destination && e.unbind(b)) {
                    saveBinding(b, false);
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
