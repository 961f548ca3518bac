package dev.revenant.client;

import java.util.Map;

/**
 * A queue or exchange of the topology already exists with other arguments or another type, so the
 * broker refused to declare it (reply 406 PRECONDITION_FAILED). The message says which object,
 * what was asked for, what the broker answered, and how to resolve it.
 */
public final class TopologyMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String objectName;
    private final String brokerReply;

    TopologyMismatchException(String kind, String objectName, String wanted, String brokerReply, Throwable cause) {
        super("The " + kind + " '" + objectName + "' already exists with different settings, so it cannot be declared as "
                + wanted + ". The broker said: " + brokerReply + ". Either delete the " + kind
                + " (after draining it) so the topology can create it, or change the topology to match the existing one.",
                cause);
        this.objectName = objectName;
        this.brokerReply = brokerReply;
    }

    static String describeQueue(Map<String, Object> arguments) {
        return "a durable queue with arguments " + arguments;
    }

    /** Name of the queue or exchange that exists with other settings. */
    public String objectName() {
        return objectName;
    }

    /** The broker's reply text, e.g. {@code PRECONDITION_FAILED - inequivalent arg ...}. */
    public String brokerReply() {
        return brokerReply;
    }
}
