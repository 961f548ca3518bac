package dev.revenant.broker.redrive;

/** The life of a move task: running or paused until it ends completed, cancelled or failed. */
public enum MoveState {
    RUNNING, PAUSED, COMPLETED, CANCELLED, FAILED;

    /** Whether the task has ended (it starts no more messages). */
    public boolean terminal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }

    /** The lower-case name used in the management API. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
