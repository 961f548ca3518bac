package dev.revenant.broker.redrive;

import java.time.Instant;

/**
 * A snapshot of a move task; once {@link #state()} is terminal and {@link #finishedAt()} is set,
 * it is the task's final report.
 *
 * @param id         the task's id
 * @param request    what it was asked to do
 * @param state      where it is
 * @param total      how many messages it set out to move (the limit, capped by the messages ready at the start)
 * @param moved      messages whose copies every target queue took and whose originals were removed
 * @param remaining  messages it still expects to move (0 once completed)
 * @param inFlight   messages taken from the source whose copies are not yet settled
 * @param startedAt  when it started
 * @param finishedAt when its last message settled after it ended, or null while any may still move
 * @param lastError  why it failed, or null
 */
public record MoveProgress(String id, MoveRequest request, MoveState state, long total, long moved, long remaining,
        int inFlight, Instant startedAt, Instant finishedAt, String lastError) {
}
