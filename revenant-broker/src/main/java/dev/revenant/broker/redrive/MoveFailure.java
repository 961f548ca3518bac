package dev.revenant.broker.redrive;

/** A message could not be moved; the message says why (the task reports it as its last error). */
final class MoveFailure extends Exception {
    private static final long serialVersionUID = 1L;

    MoveFailure(String reason) {
        super(reason, null, false, false);
    }
}
