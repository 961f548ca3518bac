package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;
import java.time.Duration;

/**
 * Reads what the client observed when the broker closed a channel or a connection: the
 * {@code channel.close}/{@code connection.close} method carried by the ShutdownSignalException.
 * Every helper fails the test when the close is of the other kind or never comes.
 */
final class AmqpErrors {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Something that talks to the broker and is expected to fail. */
    @FunctionalInterface
    interface BrokerCall {
        void run() throws Exception;
    }

    private AmqpErrors() {
    }

    /** Runs a synchronous call that must fail with a channel close; returns the close. */
    static AMQP.Channel.Close channelClose(BrokerCall call) {
        ShutdownSignalException signal = signalOf(call);
        assertThat(signal.isHardError()).as("expected a channel error, got %s", signal.getReason()).isFalse();
        return (AMQP.Channel.Close) signal.getReason();
    }

    /** Runs a synchronous call that must fail with a connection close; returns the close. */
    static AMQP.Connection.Close connectionClose(BrokerCall call) {
        ShutdownSignalException signal = signalOf(call);
        assertThat(signal.isHardError()).as("expected a connection error, got %s", signal.getReason()).isTrue();
        return (AMQP.Connection.Close) signal.getReason();
    }

    /** Waits until the broker closes the channel (after an asynchronous method); returns the close. */
    static AMQP.Channel.Close awaitChannelClose(Channel channel) {
        await().atMost(TIMEOUT).until(() -> !channel.isOpen());
        ShutdownSignalException signal = channel.getCloseReason();
        assertThat(signal.isHardError()).as("expected a channel error, got %s", signal.getReason()).isFalse();
        assertThat(signal.isInitiatedByApplication()).as("channel closed by the client, not the broker").isFalse();
        return (AMQP.Channel.Close) signal.getReason();
    }

    /** Waits until the broker closes the connection; returns the close. */
    static AMQP.Connection.Close awaitConnectionClose(Connection connection) {
        await().atMost(TIMEOUT).until(() -> !connection.isOpen());
        ShutdownSignalException signal = connection.getCloseReason();
        Method reason = signal.getReason();
        assertThat(reason).as("connection dropped without connection.close: %s", signal).isInstanceOf(AMQP.Connection.Close.class);
        assertThat(signal.isInitiatedByApplication()).as("connection closed by the client, not the broker").isFalse();
        return (AMQP.Connection.Close) reason;
    }

    /** Asserts a channel close's reply code and that its text starts with the code's name. */
    static void assertClose(AMQP.Channel.Close close, int code, String name) {
        assertThat(close.getReplyCode()).as("reply code of %s", close).isEqualTo(code);
        assertThat(close.getReplyText()).startsWith(name + " - ");
    }

    /** Asserts a connection close's reply code and that its text starts with the code's name. */
    static void assertClose(AMQP.Connection.Close close, int code, String name) {
        assertThat(close.getReplyCode()).as("reply code of %s", close).isEqualTo(code);
        assertThat(close.getReplyText()).startsWith(name + " - ");
    }

    private static ShutdownSignalException signalOf(BrokerCall call) {
        try {
            call.run();
        } catch (Throwable thrown) {
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                if (cause instanceof ShutdownSignalException signal) {
                    return signal;
                }
            }
            throw new AssertionError("expected a ShutdownSignalException, got " + thrown, thrown);
        }
        return fail("expected the broker to close the channel or connection, but the call succeeded");
    }
}
