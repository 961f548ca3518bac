package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.impl.Frame;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class FailureHeadersTest {
    private static final Instant AT = Instant.parse("2025-03-01T10:15:30.123Z");

    @Test
    void recordsClassMessageStackConsumerTimeAndAttempt() {
        IOException failure = new IOException("logistics API returned 503", new IllegalStateException("pool exhausted"));
        Map<String, Object> headers = FailureHeaders.describe(failure, "fulfillment", AT, 3, 4096);

        assertThat(headers).containsEntry(MessageHeaders.EXCEPTION_CLASS, "java.io.IOException")
                .containsEntry(MessageHeaders.EXCEPTION_MESSAGE, "logistics API returned 503")
                .containsEntry(MessageHeaders.FAILED_CONSUMER, "fulfillment")
                .containsEntry(MessageHeaders.FAILED_AT, "2025-03-01T10:15:30.123Z")
                .containsEntry(MessageHeaders.ATTEMPTS, 3);
        String stack = (String) headers.get(MessageHeaders.EXCEPTION_STACKTRACE);
        assertThat(stack).startsWith("java.io.IOException: logistics API returned 503\n\tat ")
                .contains("Caused by: java.lang.IllegalStateException: pool exhausted")
                .contains("FailureHeadersTest");
        assertThat(Utf8Text.byteLength(stack)).isLessThan(4096);
    }

    @Test
    void everyCauseKeepsItsHeadingAndTopFrameWhenFramesMustGo() {
        Throwable root = deep(new IllegalStateException("connection refused"), 200);
        Throwable failure = deep(new RuntimeException("order 42 failed", root), 200);
        String stack = FailureHeaders.stackTrace(failure, 1500);

        assertThat(Utf8Text.byteLength(stack)).isLessThanOrEqualTo(1500);
        assertThat(stack).startsWith("java.lang.RuntimeException: order 42 failed\n\tat dev.revenant.client.FailureHeadersTest.deep")
                .contains("\nCaused by: java.lang.IllegalStateException: connection refused\n\tat dev.revenant.client.")
                .containsPattern("\t\\.\\.\\. \\d+ more$");
    }

    @Test
    void causeFramesSharedWithTheWrapperAreCountedNotRepeated() {
        Throwable failure = new RuntimeException("outer", new IllegalStateException("inner"));
        String stack = FailureHeaders.stackTrace(failure, 100_000);
        String causePart = stack.substring(stack.indexOf("Caused by:"));
        assertThat(causePart).containsPattern("\t\\.\\.\\. \\d+ more$");
        assertThat(stack).doesNotContain("(trimmed)");
    }

    @Test
    void hugeMessageAndDeepStackStayWithinTheBudget() throws Exception {
        String huge = "x".repeat(200_000);
        Throwable failure = deep(new RuntimeException(huge), 400);
        Map<String, Object> headers = FailureHeaders.describe(failure, "c", AT, 1, 4096);

        assertThat(Frame.tableSize(headers)).isLessThanOrEqualTo(4096);
        assertThat((long) FailureHeaders.encodedSize(headers)).isEqualTo(Frame.tableSize(headers));
        assertThat((String) headers.get(MessageHeaders.EXCEPTION_MESSAGE)).endsWith(Utf8Text.ELLIPSIS).hasSizeLessThan(1100);
        assertThat((String) headers.get(MessageHeaders.EXCEPTION_STACKTRACE)).matches("(?s).*\t\\.\\.\\. \\d+ more")
                .contains("\tat ");
    }

    @Test
    void causeCyclesAndLongChainsEnd() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.initCause(second);
        String stack = FailureHeaders.stackTrace(first, 100_000);
        assertThat(stack).contains("Caused by: java.lang.Exception: second");
        Throwable chain = new RuntimeException("root");
        for (int i = 0; i < 20; i++) {
            chain = new RuntimeException("level " + i, chain);
        }
        assertThat(FailureHeaders.stackTrace(chain, 1_000_000)).contains("further causes omitted");
    }

    @Test
    void messageThatThrowsIsRecordedAsSuch() {
        RuntimeException failure = new RuntimeException() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
                throw new UnsupportedOperationException();
            }
        };
        assertThat((String) FailureHeaders.describe(failure, "c", AT, 1, 2048).get(MessageHeaders.EXCEPTION_MESSAGE))
                .contains("getMessage() threw");
    }

    @Test
    void refusesABudgetTooSmallForTheFields() {
        assertThatThrownBy(() -> FailureHeaders.describe(new Exception(), "c", AT, 1, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void alwaysWithinBudgetWhateverTheFailure(@ForAll @StringLength(max = 5000) String message,
                                              @ForAll @StringLength(max = 400) String consumer,
                                              @ForAll @IntRange(min = 0, max = 300) int depth,
                                              @ForAll @IntRange(min = FailureHeaders.MIN_BUDGET,
                                                      max = FailureHeaders.MAX_BUDGET) int budget) throws Exception {
        Throwable failure = deep(new IllegalStateException(message, new IOException(message)), depth);
        Map<String, Object> headers = FailureHeaders.describe(failure, consumer, AT, 7, budget);
        assertThat(Frame.tableSize(headers)).isLessThanOrEqualTo(budget);
        assertThat(headers).containsKeys(MessageHeaders.EXCEPTION_CLASS, MessageHeaders.EXCEPTION_MESSAGE,
                MessageHeaders.EXCEPTION_STACKTRACE, MessageHeaders.FAILED_CONSUMER, MessageHeaders.FAILED_AT,
                MessageHeaders.ATTEMPTS);
    }

    /** {@code failure} thrown from {@code depth} nested calls, so its stack trace is long. */
    private static Throwable deep(Throwable failure, int depth) {
        if (depth == 0) {
            failure.fillInStackTrace();
            return failure;
        }
        return deep(failure, depth - 1);
    }
}
