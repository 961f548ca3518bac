package dev.revenant.client;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * How a replayer moves messages out of a dead-letter queue. Today there is one way, which works
 * on every broker: {@link ConfirmedCopyReplay}. A broker-side move task (Revenant's management
 * move API) is meant to become a second implementation once the broker offers it.
 */
interface ReplayStrategy extends AutoCloseable {
    /** Called once per message moved. */
    interface Moved {
        void moved(boolean parked);
    }

    /**
     * Moves at most {@code limit} messages, checking {@code mayContinue} before each one; returns
     * early when the dead-letter queue runs empty.
     */
    void replay(long limit, BooleanSupplier mayContinue, Moved moved) throws IOException;

    @Override
    void close();
}
