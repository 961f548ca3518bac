package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.DefaultSaslConfig;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Authentication: guest/guest works from loopback; bad credentials get ACCESS_REFUSED (a
 * connection.close 403 for clients with the authentication_failure_close capability, as
 * amqp-client has) and then a closed socket; a missing vhost is NOT_ALLOWED.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class AuthIT extends ConformanceBase {
    private Bystander bystander;

    @BeforeEach
    void connectBystander() throws Exception {
        bystander = Bystander.connect(target);
    }

    @AfterEach
    void closeBystander() {
        bystander.close();
    }

    @Test
    void guestIsAcceptedFromLoopback() throws Exception {
        assertThat(connect().createChannel().queueDeclare().getQueue()).startsWith("amq.gen-");
    }

    @Test
    void wrongPasswordIsAccessRefused() throws Exception {
        assertThatThrownBy(() -> connect(factory -> factory.setPassword("wrong")))
                .isInstanceOf(AuthenticationFailureException.class)
                .hasMessageStartingWith("ACCESS_REFUSED - ");
        bystander.assertStillServed();
    }

    @Test
    void unknownUserIsAccessRefused() throws Exception {
        assertThatThrownBy(() -> connect(factory -> {
            factory.setUsername("nobody-" + unique("user"));
            factory.setSaslConfig(DefaultSaslConfig.PLAIN);
        })).isInstanceOf(AuthenticationFailureException.class).hasMessageStartingWith("ACCESS_REFUSED - ");
    }

    @Test
    void wrongPasswordWithAmqplainIsAccessRefused() throws Exception {
        AmqplainSaslConfig amqplain = new AmqplainSaslConfig();
        assertThatThrownBy(() -> connect(factory -> {
            factory.setPassword("wrong");
            factory.setSaslConfig(amqplain);
        })).isInstanceOf(AuthenticationFailureException.class).hasMessageStartingWith("ACCESS_REFUSED - ");
        assertThat(amqplain.used).isTrue();
    }

    @Test
    void refusedLoginGetsCloseThenAClosedSocket() throws Exception {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.start();
            raw.sendMethod(0, MethodArguments.method(10, 11)
                    .table(TableBytes.clientPropertiesWithAuthenticationFailureClose())
                    .shortString("PLAIN").longString(RawAmqpConnection.plain("guest", "wrong")).shortString("en_US"));
            RawAmqpConnection.Close close = raw.awaitConnectionClose();
            assertThat(close.replyCode()).isEqualTo(AMQP.ACCESS_REFUSED);
            assertThat(close.replyText()).startsWith("ACCESS_REFUSED - ");
        }
        bystander.assertStillServed();
    }

    @Test
    void handshakeFailuresWithoutTheCapabilityNeverOpenTheConnection() throws Exception {
        // without authentication_failure_close the spec only allows closing the socket; RabbitMQ
        // does so after a 3 s delay, so both cases run side by side
        CompletableFuture<Void> badPassword = CompletableFuture.runAsync(() -> refusedStartOk("PLAIN", RawAmqpConnection.plain("guest", "wrong")));
        CompletableFuture<Void> unknownMechanism = CompletableFuture.runAsync(() -> refusedStartOk("NO-SUCH-MECHANISM", RawAmqpConnection.plain("guest", "guest")));
        CompletableFuture.allOf(badPassword, unknownMechanism).get(30, TimeUnit.SECONDS);
        bystander.assertStillServed();
    }

    private void refusedStartOk(String mechanism, byte[] response) {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.start();
            raw.sendMethod(0, MethodArguments.method(10, 11).emptyTable().shortString(mechanism).longString(response).shortString("en_US"));
            try {
                for (Frame frame = raw.readFrame(); ; frame = raw.readFrame()) {
                    assertThat(frame.isMethod(10, 30)).as("connection.tune after a refused start-ok").isFalse();
                    if (frame.isMethod(10, 50)) {
                        raw.sendMethod(0, MethodArguments.method(10, 51));
                    }
                }
            } catch (java.io.EOFException | java.net.SocketException closed) {
                // the broker closed the socket: expected
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unknownVirtualHostIsNotAllowed() throws Exception {
        AMQP.Connection.Close close = AmqpErrors.connectionClose(() -> connect(factory -> factory.setVirtualHost(unique("vhost"))));
        assertClose(close, AMQP.NOT_ALLOWED, "NOT_ALLOWED");
        bystander.assertStillServed();
    }
}
