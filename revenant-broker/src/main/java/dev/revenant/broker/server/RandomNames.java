package dev.revenant.broker.server;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable names the server makes up: queue names, consumer tags, reply-to tokens (URL-safe base64). */
final class RandomNames {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomNames() {
    }

    /** A random token of {@code bytes} random bytes, e.g. 16 bytes give 22 characters. */
    static String token(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
