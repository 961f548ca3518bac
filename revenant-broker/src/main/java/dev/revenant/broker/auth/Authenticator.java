package dev.revenant.broker.auth;

import dev.revenant.broker.BrokerConfig.UserCredentials;
import dev.revenant.broker.PasswordHashes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a user's password against the configured salted hashes, and refuses users that may log
 * in from loopback only (guest, by default) when they connect from elsewhere.
 */
public final class Authenticator {
    private final Map<String, UserCredentials> users;
    private final boolean loopbackOnlyGuest;

    public Authenticator(Map<String, UserCredentials> users, boolean loopbackOnlyGuest) {
        this.users = Map.copyOf(users);
        this.loopbackOnlyGuest = loopbackOnlyGuest;
    }

    /** The authenticated user, or empty if the name, password or peer address is refused. */
    public Optional<UserCredentials> authenticate(String username, String password, SocketAddress peer) {
        UserCredentials user = users.get(username);
        if (user == null || password == null || !PasswordHashes.matches(password, user.passwordHash())) {
            return Optional.empty();
        }
        if (loopbackOnlyGuest && "guest".equals(username) && !isLoopback(peer)) {
            return Optional.empty();
        }
        return Optional.of(user);
    }

    private static boolean isLoopback(SocketAddress peer) {
        if (peer instanceof InetSocketAddress inet) {
            InetAddress address = inet.getAddress();
            return address != null && address.isLoopbackAddress();
        }
        return false;
    }
}
