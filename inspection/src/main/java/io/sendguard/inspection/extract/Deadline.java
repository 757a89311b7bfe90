package io.sendguard.inspection.extract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A point in time after which extraction of one mail must stop; can also be expired early (abandon). */
final class Deadline {
    /** Thrown from streams and handlers once the deadline has passed. */
    static final class ExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        ExceededException() {
            super("time limit for the mail exceeded");
        }
    }

    private final long deadlineNanos;
    private volatile boolean expired;

    Deadline(long timeoutNanos) {
        this.deadlineNanos = System.nanoTime() + timeoutNanos;
    }

    long remainingNanos() {
        return expired ? 0 : Math.max(0, deadlineNanos - System.nanoTime());
    }

    boolean isExpired() {
        if (!expired && System.nanoTime() - deadlineNanos >= 0) {
            expired = true;
        }
        return expired;
    }

    void expire() {
        expired = true;
    }

    void check() throws ExceededException {
        if (isExpired()) {
            throw new ExceededException();
        }
    }

    /** Wraps a stream so that every read fails once the deadline passed. */
    InputStream guard(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                check();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                check();
                return super.read(b, off, len);
            }

            @Override
            public long skip(long n) throws IOException {
                check();
                return super.skip(n);
            }
        };
    }
}
