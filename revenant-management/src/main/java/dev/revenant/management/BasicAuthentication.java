package dev.revenant.management;

import dev.revenant.broker.BrokerConfig;
import dev.revenant.broker.PasswordHashes;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic authentication against the broker's users, with the same loopback rule as AMQP:
 * when {@code loopback_users.guest} is on, guest may only log in from a loopback address.
 * Every authenticated user may use every endpoint for now (tags and permissions come later).
 */
final class BasicAuthentication {
    private final Map<String, BrokerConfig.UserCredentials> users;
    private final boolean loopbackOnlyGuest;

    BasicAuthentication(BrokerConfig config) {
        this.users = config.users();
        this.loopbackOnlyGuest = config.loopbackOnlyGuest();
    }

    /** The user the {@code Authorization} header proves, or empty. */
    Optional<BrokerConfig.UserCredentials> authenticate(String authorization, InetAddress from) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        BrokerConfig.UserCredentials user = users.get(decoded.substring(0, colon));
        if (user == null || !PasswordHashes.matches(decoded.substring(colon + 1), user.passwordHash())) {
            return Optional.empty();
        }
        if (loopbackOnlyGuest && user.name().equals("guest") && (from == null || !from.isLoopbackAddress())) {
            return Optional.empty();
        }
        return Optional.of(user);
    }
}
