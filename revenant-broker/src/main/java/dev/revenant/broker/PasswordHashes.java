package dev.revenant.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * RabbitMQ-compatible password hashes: base64(salt[4] ++ SHA-256(salt ++ password)), the format of
 * {@code password_hash} in RabbitMQ's definitions.json with {@code rabbit_password_hashing_sha256},
 * so users exported from RabbitMQ load unchanged.
 */
public final class PasswordHashes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    /** A new salted hash of the password. */
    public static String hash(String password) {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        return Base64.getEncoder().encodeToString(concat(salt, sha256(salt, password)));
    }

    /** Whether the password matches the hash; false for a malformed hash. */
    public static boolean matches(String password, String passwordHash) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(passwordHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (decoded.length != 4 + 32) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(decoded, 0, 4);
        byte[] expected = Arrays.copyOfRange(decoded, 4, decoded.length);
        return MessageDigest.isEqual(expected, sha256(salt, password));
    }

    private static byte[] sha256(byte[] salt, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
