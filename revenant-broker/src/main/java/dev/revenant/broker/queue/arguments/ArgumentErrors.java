package dev.revenant.broker.queue.arguments;

/** The error texts RabbitMQ uses for bad declare arguments, observed on a real 3.10 node. */
final class ArgumentErrors {
    private ArgumentErrors() {
    }

    /** {@code invalid arg 'K' for queue 'Q' in vhost 'V': REASON} where REASON is an Erlang term. */
    static PreconditionFailedException invalidQueueArg(String vhost, String queue, String key, String reason) {
        return new PreconditionFailedException(
                "invalid arg '" + key + "' for queue '" + queue + "' in vhost '" + vhost + "': " + reason);
    }

    /** Reason {@code "expected integer, got longstr"} (an Erlang string, so quoted). */
    static String expectedInteger(Object value) {
        return ErlangTerms.string("expected integer, got " + FieldValues.typeName(value));
    }

    /** Reason {@code {unacceptable_type,longstr}}. */
    static String unacceptableType(Object value) {
        return "{unacceptable_type," + FieldValues.typeName(value) + "}";
    }

    /** Reason {@code {value_negative,-1}} and the like. */
    static String tagged(String tag, Object number) {
        return "{" + tag + "," + number + "}";
    }

    /**
     * {@code inequivalent arg 'K' for KIND 'N' in vhost 'V': received X but current is Y}, where a
     * missing value reads {@code none}, a value present on both sides reads {@code 'v'} and a value
     * present on one side only reads {@code the value 'v' of type 't'}.
     */
    static PreconditionFailedException inequivalent(String kind, String vhost, String name, String key,
            boolean hasReceived, Object received, boolean hasCurrent, Object current) {
        String receivedText;
        String currentText;
        if (hasReceived && hasCurrent) {
            receivedText = quotedOrNone(received);
            currentText = quotedOrNone(current);
        } else {
            receivedText = hasReceived ? describe(received) : "none";
            currentText = hasCurrent ? describe(current) : "none";
        }
        return new PreconditionFailedException("inequivalent arg '" + key + "' for " + kind + " '" + name
                + "' in vhost '" + vhost + "': received " + receivedText + " but current is " + currentText);
    }

    private static String quotedOrNone(Object value) {
        return value == null ? "none" : "'" + FieldValues.text(value) + "'";
    }

    private static String describe(Object value) {
        return value == null ? "none"
                : "the value '" + FieldValues.text(value) + "' of type '" + FieldValues.typeName(value) + "'";
    }
}
