package io.sendguard.inspection.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ParserPoolTest {
    /** Polls a condition for up to 5 s (no Awaitility in this module). */
    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(end);
            Thread.sleep(10);
        }
    }

    private static Deadline in(Duration d) {
        return new Deadline(d.toNanos());
    }

    @Test
    void runShouldAnswerTheResultOfTheTask() throws Exception {
        try (ParserPool pool = new ParserPool(1)) {
            assertThat(pool.run(() -> "parsed", in(Duration.ofSeconds(5)))).contains("parsed");
            assertThat(pool.freeThreads()).isEqualTo(1);
        }
    }

    @Test
    void runShouldRethrowWhatTheTaskThrew() {
        try (ParserPool pool = new ParserPool(1)) {
            assertThatThrownBy(() -> pool.run(() -> {
                throw new IllegalStateException("broken file");
            }, in(Duration.ofSeconds(5)))).isInstanceOf(ExecutionException.class).hasRootCauseMessage("broken file");
            assertThat(pool.freeThreads()).isEqualTo(1);
        }
    }

    @Test
    void runShouldInterruptAParseThatOutlivesTheDeadlineAndGiveItsThreadBack() throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        try (ParserPool pool = new ParserPool(1)) {
            Deadline deadline = in(Duration.ofMillis(200));
            Optional<String> result = pool.run(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    Math.sqrt(System.nanoTime()); // CPU-bound, but it listens to interrupts
                }
                stopped.set(true);
                return "too late";
            }, deadline);

            assertThat(result).isEmpty();
            assertThat(deadline.isExpired()).isTrue();
            waitUntil(stopped::get);
            waitUntil(() -> pool.freeThreads() == 1);
            assertThat(pool.run(() -> "next", in(Duration.ofSeconds(5)))).contains("next");
        }
    }

    @Test
    void runShouldWaitForAFreeThreadUntilTheDeadlineWhenAParseIgnoresInterrupts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (ParserPool pool = new ParserPool(1)) {
            Thread stuck = new Thread(() -> {
                try {
                    pool.run(() -> {
                        started.countDown();
                        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (release.getCount() > 0 && System.nanoTime() < end) {
                            Thread.interrupted(); // a parser that swallows interrupts
                        }
                        return "done";
                    }, in(Duration.ofMillis(100)));
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            });
            stuck.start();
            started.await();

            long t0 = System.nanoTime();
            Deadline waiting = in(Duration.ofMillis(300));
            assertThat(pool.run(() -> "never runs", waiting)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
            assertThat(waiting.isExpired()).isTrue();
            assertThat(pool.freeThreads()).isZero(); // the bound holds: the stuck parse still has the only thread

            release.countDown();
            stuck.join();
            waitUntil(() -> pool.freeThreads() == 1);
        }
    }

    @Test
    void constructorShouldRefuseAPoolWithoutThreads() {
        assertThatThrownBy(() -> new ParserPool(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
