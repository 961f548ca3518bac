package dev.revenant.client;

import java.util.List;
import java.util.Objects;

/**
 * Decides whether a handler failure is {@link FailureKind#TRANSIENT} or
 * {@link FailureKind#PERMANENT}. Must be a pure, fast function: it runs on every failure, and a
 * classifier that throws counts its failure as permanent.
 */
@FunctionalInterface
public interface FailureClassifier {
    /** The kind of {@code failure} (never null). */
    FailureKind classify(Throwable failure);

    /** Every failure is transient: retried until the retry delays are used up (the default). */
    static FailureClassifier allTransient() {
        return failure -> FailureKind.TRANSIENT;
    }

    /**
     * Transient when the failure or any of its causes is an instance of one of {@code types},
     * permanent otherwise.
     */
    @SafeVarargs
    static FailureClassifier transientOn(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> list = List.of(types);
        list.forEach(type -> Objects.requireNonNull(type, "exception type"));
        return failure -> {
            int depth = 0;
            for (Throwable current = failure; current != null && depth < 32; current = current.getCause(), depth++) {
                for (Class<? extends Throwable> type : list) {
                    if (type.isInstance(current)) {
                        return FailureKind.TRANSIENT;
                    }
                }
            }
            return FailureKind.PERMANENT;
        };
    }
}
