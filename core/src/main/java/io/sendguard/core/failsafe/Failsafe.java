package io.sendguard.core.failsafe;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one boundary every place James calls Sendguard goes through (mailets, matchers, scheduled tasks, routes).
 * Whatever the body throws, {@link Error}s included ({@code StackOverflowError} on hostile input,
 * {@code OutOfMemoryError} under load), is logged once and turned into the caller's safe action: hold for review,
 * match (so the mail goes the cautious way), keep a scheduled task alive. Nothing escapes into James, where an
 * {@code Error} would end a spool worker without freeing its slot or cancel a scheduled task for good.
 *
 * <p>A failure of the safe action itself is logged too and then rethrown as it is: the caller has nothing better.
 */
public final class Failsafe {
    private static final Logger LOGGER = LoggerFactory.getLogger(Failsafe.class);
    private static final int LOGGED_FRAMES = 12;
    private static final AtomicLong FAILURES = new AtomicLong();

    /** A body that may throw anything. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    /** A body without a result. */
    @FunctionalInterface
    public interface VoidBody {
        void run() throws Exception;
    }

    /** The safe action: what to answer in place of the body's result. */
    @FunctionalInterface
    public interface SafeAction<T> {
        T onFailure(Throwable failure) throws Exception;
    }

    private Failsafe() {
    }

    /**
     * Runs {@code body}; when it throws anything, logs it as a failure of {@code where} and answers
     * {@code safeAction}'s result instead.
     */
    public static <T> T call(String where, Body<T> body, SafeAction<T> safeAction) throws Exception {
        try {
            return body.run();
        } catch (Throwable failure) {
            log(where, failure);
            return safeAction.onFailure(failure);
        }
    }

    /** {@link #call} for a body without a result. */
    public static void run(String where, VoidBody body, SafeAction<Void> safeAction) throws Exception {
        call(where, () -> {
            body.run();
            return null;
        }, safeAction);
    }

    /**
     * Runs a scheduled task's body: anything it throws is logged and swallowed, so that the executor that runs it
     * again stays scheduled.
     */
    public static void keepAlive(String where, VoidBody body) {
        try {
            body.run();
        } catch (Throwable failure) {
            log(where, failure);
        }
    }

    /** How many failures went through this boundary since the process started. */
    public static long failures() {
        return FAILURES.get();
    }

    /**
     * Logs a failure without its full stack: a {@code StackOverflowError} carries a thousand identical frames, and
     * fifty hostile mails must not fill the disk. The first frames say where it happened.
     */
    public static void log(String where, Throwable failure) {
        FAILURES.incrementAndGet();
        try {
            String frames = Arrays.stream(failure.getStackTrace()).limit(LOGGED_FRAMES)
                .map(StackTraceElement::toString).collect(Collectors.joining("\n\tat ", "\n\tat ", ""));
            LOGGER.error("Sendguard: {} failed, the safe action is taken instead: {}{}", where, failure, frames);
        } catch (Throwable loggingFailed) {
            // nothing is left to tell it with (out of memory while formatting); the safe action still follows
        }
    }

    /** A short words-only description of a failure for findings and pages: never a Java class name for a user. */
    public static String describe(Throwable failure) {
        if (failure instanceof StackOverflowError) {
            return "the structure of the mail is nested too deeply";
        }
        if (failure instanceof OutOfMemoryError) {
            return "the server ran out of memory while reading it";
        }
        return "an internal error occurred (see the server log)";
    }
}
