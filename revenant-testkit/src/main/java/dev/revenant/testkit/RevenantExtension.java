package dev.revenant.testkit;

import com.rabbitmq.client.ConnectionFactory;
import dev.revenant.broker.Broker;
import dev.revenant.broker.BrokerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs one embedded Revenant broker per test class, on a free loopback
 * port with a temporary data directory that is deleted afterwards. Register it with
 * {@code @RegisterExtension static RevenantExtension broker = new RevenantExtension();} or
 * {@code @ExtendWith(RevenantExtension.class)} and take a {@link Broker} or
 * {@link ConnectionFactory} as a test parameter.
 */
public final class RevenantExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final UnaryOperator<BrokerConfig.Builder> customizer;
    private Broker broker;
    private Path dataDir;

    public RevenantExtension() {
        this(UnaryOperator.identity());
    }

    /** With extra settings applied on top of the test defaults (port 0, loopback, temporary directory). */
    public RevenantExtension(UnaryOperator<BrokerConfig.Builder> customizer) {
        this.customizer = customizer;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("revenant-test-");
        broker = Broker.start(customizer.apply(BrokerConfig.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir)).build());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The running broker; only between beforeAll and afterAll. */
    public Broker broker() {
        if (broker == null) {
            throw new IllegalStateException("the broker runs only while the test class runs");
        }
        return broker;
    }

    public int amqpPort() {
        return broker().amqpPort();
    }

    /** A connection factory for guest/guest on this broker. */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(amqpPort());
        return factory;
    }

    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + amqpPort();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Broker.class || type == ConnectionFactory.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Broker.class ? broker() : connectionFactory();
    }
}
