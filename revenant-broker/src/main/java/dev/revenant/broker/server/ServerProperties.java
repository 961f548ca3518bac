package dev.revenant.broker.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** The server-properties table of connection.start: identity plus the capabilities clients probe. */
final class ServerProperties {
    static final String VERSION = "0.1.0";

    private ServerProperties() {
    }

    static Map<String, Object> create(String clusterName) {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("publisher_confirms", true);
        capabilities.put("exchange_exchange_bindings", true);
        capabilities.put("basic.nack", true);
        capabilities.put("consumer_cancel_notify", true);
        capabilities.put("connection.blocked", true);
        capabilities.put("consumer_priorities", true);
        capabilities.put("authentication_failure_close", true);
        capabilities.put("per_consumer_qos", true);
        capabilities.put("direct_reply_to", true);
        capabilities.put("retry_delays", true);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("capabilities", capabilities);
        props.put("cluster_name", clusterName);
        props.put("copyright", "Copyright (c) the Revenant authors");
        props.put("information", "Revenant: an AMQP 0-9-1 broker built around failed consumers");
        props.put("platform", "Java " + Runtime.version().feature());
        props.put("product", "Revenant");
        props.put("version", VERSION);
        return props;
    }
}
