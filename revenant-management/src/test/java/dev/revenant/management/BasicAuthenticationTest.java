package dev.revenant.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revenant.broker.BrokerConfig;
import dev.revenant.broker.PasswordHashes;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BasicAuthenticationTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final BasicAuthentication auth = new BasicAuthentication(BrokerConfig.builder()
            .user(new BrokerConfig.UserCredentials("ops", PasswordHashes.hash("s3cret:with:colons"), Set.of("monitoring")))
            .build());

    @Test
    void acceptsAKnownUserWithTheRightPassword() {
        assertThat(auth.authenticate(basic("ops", "s3cret:with:colons"), LOOPBACK)).map(BrokerConfig.UserCredentials::name)
                .contains("ops");
        assertThat(auth.authenticate("basic " + encode("guest:guest"), LOOPBACK)).as("scheme is case-insensitive").isPresent();
    }

    @Test
    void refusesWrongPasswordsUnknownUsersAndMalformedHeaders() {
        assertThat(auth.authenticate(basic("ops", "nope"), LOOPBACK)).isEmpty();
        assertThat(auth.authenticate(basic("nobody", "guest"), LOOPBACK)).isEmpty();
        assertThat(auth.authenticate(null, LOOPBACK)).isEmpty();
        assertThat(auth.authenticate("Bearer abc", LOOPBACK)).isEmpty();
        assertThat(auth.authenticate("Basic !!!", LOOPBACK)).isEmpty();
        assertThat(auth.authenticate("Basic " + encode("no-colon"), LOOPBACK)).isEmpty();
    }

    @Test
    void guestOnlyFromLoopbackUnlessConfiguredOtherwise() throws Exception {
        InetAddress remote = InetAddress.getByAddress(new byte[] {10, 0, 0, 7});
        assertThat(auth.authenticate(basic("guest", "guest"), remote)).isEmpty();
        assertThat(auth.authenticate(basic("ops", "s3cret:with:colons"), remote)).isPresent();
        BasicAuthentication open = new BasicAuthentication(BrokerConfig.builder().loopbackOnlyGuest(false).build());
        assertThat(open.authenticate(basic("guest", "guest"), remote)).isPresent();
    }

    private static String basic(String user, String password) {
        return "Basic " + encode(user + ":" + password);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
