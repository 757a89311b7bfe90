package io.sendguard.core.ppap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sendguard.core.MutableClock;

class RecentEncryptedMailsTest {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    RecentEncryptedMails recent = new RecentEncryptedMails(Duration.ofMinutes(30), 100, clock);

    @Test
    void latestShouldFindTheMailWhenTheSameSenderWritesToAnOverlappingRecipientWithinTheWindow() {
        recent.record("alice@example.com", List.of("bob@partner.example", "carol@partner.example"), "first");
        clock.advance(Duration.ofMinutes(5));

        assertThat(recent.latest("Alice@Example.com", List.of("carol@partner.example")))
            .hasValueSatisfying(s -> assertThat(s.description()).isEqualTo("first"));
    }

    @Test
    void latestShouldFindNothingForAnotherSenderOrDisjointRecipients() {
        recent.record("alice@example.com", List.of("bob@partner.example"), "first");

        assertThat(recent.latest("mallory@example.com", List.of("bob@partner.example"))).isEmpty();
        assertThat(recent.latest("alice@example.com", List.of("dave@other.example"))).isEmpty();
    }

    @Test
    void latestShouldFindNothingAfterTheWindow() {
        recent.record("alice@example.com", List.of("bob@partner.example"), "first");
        clock.advance(Duration.ofMinutes(31));

        assertThat(recent.latest("alice@example.com", List.of("bob@partner.example"))).isEmpty();
        assertThat(recent.size()).isZero();
    }

    @Test
    void latestShouldReturnTheMostRecentOfSeveralMails() {
        recent.record("alice@example.com", List.of("bob@partner.example"), "first");
        clock.advance(Duration.ofMinutes(1));
        recent.record("alice@example.com", List.of("bob@partner.example"), "second");

        assertThat(recent.latest("alice@example.com", List.of("bob@partner.example")).orElseThrow().description()).isEqualTo("second");
    }

    @Test
    void recordShouldDropTheOldestBeyondMaxEntries() {
        RecentEncryptedMails small = new RecentEncryptedMails(Duration.ofMinutes(30), 2, clock);
        small.record("a@example.com", List.of("x@p.example"), "1");
        small.record("b@example.com", List.of("x@p.example"), "2");
        small.record("c@example.com", List.of("x@p.example"), "3");

        assertThat(small.size()).isEqualTo(2);
        assertThat(small.latest("a@example.com", List.of("x@p.example"))).isEmpty();
        assertThat(small.latest("c@example.com", List.of("x@p.example"))).isPresent();
    }

    @Test
    void constructorShouldRefuseANonPositiveWindowOrSize() {
        assertThatThrownBy(() -> new RecentEncryptedMails(Duration.ZERO, 1, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentEncryptedMails(Duration.ofMinutes(1), 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
