package dev.revenant.broker.server;

import dev.revenant.broker.BrokerConfig;
import dev.revenant.broker.auth.Authenticator;
import dev.revenant.broker.vhost.VirtualHost;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every connection of one broker shares: settings, users, virtual hosts, the message id
 * sequence and the direct reply-to registry. Thread-safe.
 */
public final class ServerContext {
    private final BrokerConfig config;
    private final Authenticator authenticator;
    private final Map<String, VirtualHost> vhosts = new ConcurrentHashMap<>();
    private final DirectReplyTo directReplyTo = new DirectReplyTo();
    private final Map<String, AmqpConnection> connections = new ConcurrentHashMap<>();
    private volatile dev.revenant.broker.alarm.ResourceAlarms alarms;

    public ServerContext(BrokerConfig config, Authenticator authenticator) {
        this.config = config;
        this.authenticator = authenticator;
    }

    public BrokerConfig config() { return config; }
    public Authenticator authenticator() { return authenticator; }
    public DirectReplyTo directReplyTo() { return directReplyTo; }

    public void addVirtualHost(VirtualHost vhost) {
        vhosts.put(vhost.name(), vhost);
    }

    public java.util.Collection<VirtualHost> virtualHosts() {
        return java.util.List.copyOf(vhosts.values());
    }

    /** The virtual host of that name, or null. */
    public VirtualHost virtualHost(String name) {
        return vhosts.get(name);
    }

    void connectionOpened(AmqpConnection connection) {
        connections.put(connection.id(), connection);
        String alarm = alarms == null ? null : alarms.activeReason();
        if (alarm != null) {
            connection.execute(() -> connection.alarmChanged(alarm));
        }
    }

    /** Resource alarms, when the broker runs them; each change reaches every connection on its loop. */
    public void alarms(dev.revenant.broker.alarm.ResourceAlarms alarms) {
        this.alarms = alarms;
        alarms.addListener(reason -> {
            for (AmqpConnection c : connections.values()) {
                c.execute(() -> c.alarmChanged(reason));
            }
        });
    }

    void connectionClosed(AmqpConnection connection) {
        connections.remove(connection.id());
    }

    /** Live connections, for management and shutdown. */
    public java.util.Collection<AmqpConnection> connections() {
        return java.util.List.copyOf(connections.values());
    }
}
