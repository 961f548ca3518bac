package dev.revenant.broker.retry;

import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import dev.revenant.broker.queue.arguments.QueueArguments;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Message time-to-live, as RabbitMQ computes it: the per-message {@code expiration} property
 * (a string holding a non-negative integer of milliseconds, checked at publish) and the queue's
 * {@code x-message-ttl}; the lower one wins, counted from when the message entered the queue.
 * A TTL of 0 expires a message at once unless it can be handed to a consumer immediately.
 */
public final class MessageTtl {
    private static final BigInteger MAX = BigInteger.valueOf(QueueArguments.MAX_EXPIRY_MILLIS);
    /** Characters Erlang writes as backslash escapes inside a string, and their letters. */
    private static final String ESCAPES = "\n\r\t\u000b\b\f\u001b\"\\";
    private static final String ESCAPE_LETTERS = "nrtvbfe\"\\";

    private MessageTtl() {
    }

    /**
     * Parses an {@code expiration} property as Erlang's {@code string:to_integer} reads it (an
     * optional sign, digits, nothing after). Null means no per-message TTL.
     *
     * @throws PreconditionFailedException with RabbitMQ's text, e.g. {@code invalid expiration
     *         'abc': no_integer}, {@code invalid expiration '1.5': {leftover_string,".5"}},
     *         {@code invalid expiration '-1': {value_negative,-1}}, {@code invalid expiration
     *         '315360000001': {value_too_large,315360000001}}
     */
    public static OptionalLong parseExpiration(String expiration) {
        if (expiration == null) {
            return OptionalLong.empty();
        }
        int start = expiration.startsWith("+") || expiration.startsWith("-") ? 1 : 0;
        int end = start;
        while (end < expiration.length() && expiration.charAt(end) >= '0' && expiration.charAt(end) <= '9') {
            end++;
        }
        if (end == start) {
            throw invalid(expiration, "no_integer");
        }
        if (end < expiration.length()) {
            throw invalid(expiration, "{leftover_string," + erlangString(expiration.substring(end)) + "}");
        }
        BigInteger value = new BigInteger(expiration.substring(0, end));
        if (value.signum() < 0) {
            throw invalid(expiration, "{value_negative," + value + "}");
        } else if (value.compareTo(MAX) > 0) {
            throw invalid(expiration, "{value_too_large," + value + "}");
        }
        return OptionalLong.of(value.longValueExact());
    }

    /** The TTL that applies to a message: the lower of its own and its queue's, if either is set. */
    public static OptionalLong effective(OptionalLong messageTtl, OptionalLong queueTtl) {
        if (messageTtl.isPresent() && queueTtl.isPresent()) {
            return OptionalLong.of(Math.min(messageTtl.getAsLong(), queueTtl.getAsLong()));
        }
        return messageTtl.isPresent() ? messageTtl : queueTtl;
    }

    /**
     * When a message entering a queue at {@code enqueuedAtMillis} (epoch ms) expires, or empty
     * when it never does.
     */
    public static OptionalLong expiresAt(long enqueuedAtMillis, OptionalLong messageTtl, OptionalLong queueTtl) {
        OptionalLong ttl = effective(messageTtl, queueTtl);
        return ttl.isPresent() ? OptionalLong.of(enqueuedAtMillis + ttl.getAsLong()) : ttl;
    }

    /** Whether a message expiring at {@code expiresAtMillis} has expired at {@code nowMillis}. */
    public static boolean isExpired(long nowMillis, long expiresAtMillis) {
        return nowMillis >= expiresAtMillis;
    }

    private static PreconditionFailedException invalid(String expiration, String reason) {
        return new PreconditionFailedException("invalid expiration '" + expiration + "': " + reason);
    }

    /**
     * Erlang prints the leftover bytes as a quoted string when every byte is printable Latin-1 or
     * has an escape, and as a list of byte values otherwise.
     */
    private static String erlangString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder list = new StringBuilder("[");
        boolean printable = true;
        for (byte b : bytes) {
            int c = b & 0xff;
            printable &= (c >= 32 && c < 127) || c >= 160 || ESCAPES.indexOf(c) >= 0;
            list.append(list.length() > 1 ? "," : "").append(c);
        }
        if (!printable) {
            return list.append(']').toString();
        }
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            int escape = ESCAPES.indexOf(c);
            if (escape >= 0) {
                quoted.append('\\').append(ESCAPE_LETTERS.charAt(escape));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }
}
