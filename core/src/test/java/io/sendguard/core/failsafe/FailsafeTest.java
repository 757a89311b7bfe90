package io.sendguard.core.failsafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class FailsafeTest {
    @Test
    void callShouldAnswerTheBodysResultWhenItSucceeds() throws Exception {
        assertThat(Failsafe.call("test", () -> "ok", failure -> "safe")).isEqualTo("ok");
    }

    @Test
    void callShouldTakeTheSafeActionWhenTheBodyOverflowsTheStack() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        String answer = Failsafe.call("test", () -> recurse(0), failure -> {
            seen.set(failure);
            return "held";
        });
        assertThat(answer).isEqualTo("held");
        assertThat(seen.get()).isInstanceOf(StackOverflowError.class);
        assertThat(Failsafe.describe(seen.get())).doesNotContain("Error").contains("nested");
    }

    @Test
    void callShouldTakeTheSafeActionWhenTheBodyThrowsACheckedException() throws Exception {
        String answer = Failsafe.call("test", () -> {
            throw new java.io.IOException("disk gone");
        }, failure -> failure.getMessage());
        assertThat(answer).isEqualTo("disk gone");
    }

    @Test
    void callShouldRethrowWhenTheSafeActionItselfFails() {
        assertThatThrownBy(() -> Failsafe.call("test", () -> {
            throw new IllegalStateException("body");
        }, failure -> {
            throw new IllegalArgumentException("safe action");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("safe action");
    }

    @Test
    void keepAliveShouldSwallowErrorsAndCountThem() {
        long before = Failsafe.failures();
        Failsafe.keepAlive("task", () -> {
            throw new OutOfMemoryError("test");
        });
        assertThat(Failsafe.failures()).isEqualTo(before + 1);
    }

    @Test
    void describeShouldNeverNameAJavaClass() {
        assertThat(Failsafe.describe(new NullPointerException())).doesNotContain("Exception").doesNotContain("java.");
        assertThat(Failsafe.describe(new OutOfMemoryError())).doesNotContain("Error");
    }

    private static String recurse(int depth) {
        return recurse(depth + 1) + depth;
    }
}
