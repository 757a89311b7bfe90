package io.sendguard.hold.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sendguard.hold.HeldMailId;
import io.sendguard.hold.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionTokensTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private MutableClock clock;
    private ActionTokens tokens;
    private final HeldMailId id = HeldMailId.random();

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        tokens = new ActionTokens(SECRET, clock, FileUsedNonceStore.open(dir, clock));
    }

    @AfterEach
    void tearDown() {
        clock.set(T0);
    }

    @Test
    void issuedTokenShouldVerifyAndCarryItsContent() {
        String token = tokens.issue(id, TokenAction.CANCEL_RECIPIENT, "bob@example.org", Duration.ofHours(1));

        TokenVerification v = tokens.verify(token);

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        assertThat(v.status()).isEqualTo(TokenVerification.Status.OK);
        ActionToken t = v.token().orElseThrow();
        assertThat(t.heldMailId()).isEqualTo(id);
        assertThat(t.action()).isEqualTo(TokenAction.CANCEL_RECIPIENT);
        assertThat(t.recipient()).contains("bob@example.org");
        assertThat(t.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void flippingAnySingleCharacterShouldMakeTheTokenTampered() {
        String token = tokens.issue(id, TokenAction.APPROVE, null, Duration.ofHours(1));

        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char flipped = c == 'A' ? 'B' : 'A';
            String bad = token.substring(0, i) + flipped + token.substring(i + 1);
            assertThat(tokens.verify(bad).status()).as("flip at %d", i).isEqualTo(TokenVerification.Status.TAMPERED);
            assertThat(tokens.verify(bad).token()).isEmpty();
        }
        assertThat(tokens.verify(token).isOk()).isTrue();
    }

    @Test
    void garbageAndTokensSignedWithAnotherSecretShouldBeTampered() {
        ActionTokens other = new ActionTokens("another-secret-another-secret-012".getBytes(StandardCharsets.US_ASCII),
                clock, FileUsedNonceStore.open(dir.resolve("other"), clock));
        String foreign = other.issue(id, TokenAction.CANCEL, null, Duration.ofHours(1));

        assertThat(tokens.verify(foreign).status()).isEqualTo(TokenVerification.Status.TAMPERED);
        for (String junk : new String[] {null, "", ".", "abc", "a.b.c", "%%%.%%%", foreign.split("\\.")[0]}) {
            assertThat(tokens.verify(junk).status()).isEqualTo(TokenVerification.Status.TAMPERED);
        }
    }

    @Test
    void tokenShouldExpireExactlyAtItsExpiryWithAFixedClock() {
        String token = tokens.issue(id, TokenAction.SEND_NOW, null, Duration.ofMinutes(30));

        clock.set(T0.plus(Duration.ofMinutes(30)).minusMillis(1));
        assertThat(tokens.verify(token).status()).isEqualTo(TokenVerification.Status.OK);
        clock.set(T0.plus(Duration.ofMinutes(30)));
        assertThat(tokens.verify(token).status()).isEqualTo(TokenVerification.Status.EXPIRED);
        assertThat(tokens.redeem(token).status()).isEqualTo(TokenVerification.Status.EXPIRED);
        assertThat(tokens.verify(token).token().orElseThrow().action()).isEqualTo(TokenAction.SEND_NOW);
    }

    @Test
    void redeemingATokenTwiceShouldReportAlreadyUsedEvenAfterRestart() {
        String token = tokens.issue(id, TokenAction.CANCEL, null, Duration.ofHours(1));

        assertThat(tokens.verify(token).status()).isEqualTo(TokenVerification.Status.OK); // verify does not consume
        assertThat(tokens.redeem(token).status()).isEqualTo(TokenVerification.Status.OK);
        assertThat(tokens.redeem(token).status()).isEqualTo(TokenVerification.Status.ALREADY_USED);

        ActionTokens restarted = new ActionTokens(SECRET, clock, FileUsedNonceStore.open(dir, clock));
        assertThat(restarted.verify(token).status()).isEqualTo(TokenVerification.Status.ALREADY_USED);
        assertThat(restarted.redeem(tokens.issue(id, TokenAction.CANCEL, null, Duration.ofHours(1))).isOk()).isTrue();
    }

    @Test
    void concurrentRedemptionsShouldHaveExactlyOneWinner() throws Exception {
        String token = tokens.issue(id, TokenAction.APPROVE, null, Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TokenVerification>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tokens.redeem(token);
                }));
            }
            start.countDown();
            int ok = 0;
            for (Future<TokenVerification> f : results) {
                TokenVerification v = f.get(30, TimeUnit.SECONDS);
                if (v.isOk()) {
                    ok++;
                } else {
                    assertThat(v.status()).isEqualTo(TokenVerification.Status.ALREADY_USED);
                }
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shortSecretsShouldBeRejectedWithAClearMessage() {
        assertThatThrownBy(() -> new ActionTokens(new byte[31], clock, FileUsedNonceStore.open(dir, clock)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("31 bytes").hasMessageContaining("at least 32 bytes");
    }

    @Test
    void issueShouldRequireARecipientExactlyForCancelRecipient() {
        assertThatThrownBy(() -> tokens.issue(id, TokenAction.CANCEL_RECIPIENT, null, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(id, TokenAction.CANCEL, "x@y.z", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonceLogShouldIgnoreATornLastLineAndForgetExpiredEntries() throws Exception {
        String shortLived = tokens.issue(id, TokenAction.CANCEL, null, Duration.ofMinutes(1));
        String longLived = tokens.issue(id, TokenAction.REJECT, null, Duration.ofDays(2));
        tokens.redeem(shortLived);
        tokens.redeem(longLived);
        Path log = dir.resolve(FileUsedNonceStore.FILE_NAME);
        Files.write(log, "torn-nonce-without-newl".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        clock.advance(Duration.ofHours(1));

        FileUsedNonceStore reopened = FileUsedNonceStore.open(dir, clock);

        assertThat(Files.readAllLines(log)).hasSize(1);
        ActionTokens restarted = new ActionTokens(SECRET, clock, reopened);
        assertThat(restarted.verify(longLived).status()).isEqualTo(TokenVerification.Status.ALREADY_USED);
        assertThat(restarted.verify(shortLived).status()).isEqualTo(TokenVerification.Status.EXPIRED);
    }
}
