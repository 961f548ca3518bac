package dev.revenant.client;

/** What a handler failure says about the message: try again later, or never. */
public enum FailureKind {
    /** The failure may pass (a downstream outage, a timeout): retry with backoff. */
    TRANSIENT,
    /** Retrying cannot help (malformed message, rejected business rule): dead-letter at once. */
    PERMANENT
}
