package io.sendguard.inspection.extract;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of threads that parse attachments under a mail's deadline. A caller waits for a free thread
 * at most until its deadline, then for the parse at most until its deadline; past it, the parse is abandoned:
 * the deadline is expired (every further read of the parser fails) and its thread is interrupted. A thread stays
 * taken until its parse really ends, so a parser that ignores both (a CPU-bound loop in a library) keeps its
 * thread busy, but never more than {@code size} of them run at once: the bound caps the damage. Thread-safe.
 */
final class ParserPool implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Semaphore free;
    private final ExecutorService threads;

    ParserPool(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("parser threads must be at least 1, got " + size);
        }
        this.free = new Semaphore(size);
        this.threads = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "sendguard-extract-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code task} on a parser thread.
     *
     * @return its result, or empty when the deadline passed first (waiting for a thread or for the task)
     * @throws ExecutionException what the task threw
     */
    <T> Optional<T> run(Callable<T> task, Deadline deadline) throws ExecutionException {
        try {
            if (!free.tryAcquire(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
                deadline.expire();
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deadline.expire();
            return Optional.empty();
        }
        AtomicBoolean claimed = new AtomicBoolean();
        Future<T> future;
        try {
            future = threads.submit(() -> {
                if (claimed.getAndSet(true)) {
                    return null; // abandoned before it started: its thread was given back below
                }
                try {
                    return task.call();
                } finally {
                    free.release();
                }
            });
        } catch (RejectedExecutionException e) { // after close(): parse on the caller's thread
            free.release();
            try {
                return Optional.ofNullable(task.call());
            } catch (Exception failure) {
                throw new ExecutionException(failure);
            }
        }
        try {
            return Optional.ofNullable(future.get(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            abandon(future, claimed, deadline);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(future, claimed, deadline);
            return Optional.empty();
        }
    }

    private void abandon(Future<?> future, AtomicBoolean claimed, Deadline deadline) {
        deadline.expire();
        future.cancel(true);
        if (!claimed.getAndSet(true)) {
            free.release(); // never started: nobody else gives its thread back
        }
    }

    /** Threads not running a parse now. */
    int freeThreads() {
        return free.availablePermits();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
