package io.sendguard.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Double check (recordApproval), removing several recipients at once, set-once attributes, and the metadata index. */
class FileHoldStoreApprovalTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;
    private MutableClock clock;
    private FileHoldStore store;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        store = FileHoldStore.open(dir, clock, false);
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private HeldMail approval(String sender, String... approvers) {
        HeldMail m = HeldMail.builder().sender(sender).recipients(List.of("bob@partner.example", "carol@partner.example"))
            .subject("s").createdAt(clock.instant()).dueAt(T0.plus(Duration.ofDays(3))).mode(HoldMode.APPROVAL)
            .approvers(List.of(approvers)).attribute(HeldMail.APPROVALS_REQUIRED, "2").releaseProcessor("relay").build();
        store.put(m, new ByteArrayInputStream("Subject: s\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)));
        return m;
    }

    @Test
    void recordApprovalShouldKeepTheMailHeldUntilTheSecondDistinctApproverAndThenMakeItDue() {
        HeldMail m = approval("alice@example.com", "boss@example.com", "security@example.com");

        TransitionResult first = store.recordApproval(m.id(), "boss@example.com", "ok", 2);
        assertThat(first.status()).isEqualTo(TransitionResult.Status.APPLIED);
        assertThat(first.mail().orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(first.mail().orElseThrow().approvals()).containsExactly("boss@example.com");
        assertThat(store.claimDue(T0, 10)).isEmpty();

        assertThat(store.recordApproval(m.id(), "BOSS@example.com", "again", 2).status())
            .isEqualTo(TransitionResult.Status.ALREADY_APPROVED);
        assertThat(store.get(m.id()).orElseThrow().approvals()).containsExactly("boss@example.com");

        clock.advance(Duration.ofMinutes(1));
        TransitionResult second = store.recordApproval(m.id(), "security@example.com", "", 2);
        HeldMail approved = second.mail().orElseThrow();
        assertThat(approved.state()).isEqualTo(HoldState.APPROVED);
        assertThat(approved.approvals()).containsExactly("boss@example.com", "security@example.com");
        assertThat(approved.attributes()).containsEntry(HeldMail.APPROVED_BY, "security@example.com");
        assertThat(approved.dueAt()).contains(clock.instant());
        assertThat(store.claimDue(clock.instant(), 10)).extracting(HeldMail::id).containsExactly(m.id());
        assertThat(store.recordApproval(m.id(), "third@example.com", "", 2).status())
            .isEqualTo(TransitionResult.Status.CONFLICT);
    }

    @Test
    void oneRequiredApprovalShouldApproveAtOnceAndATimedMailShouldNotBeApprovable() {
        HeldMail m = approval("alice@example.com", "boss@example.com");
        assertThat(store.recordApproval(m.id(), "boss@example.com", "", 1).mail().orElseThrow().state())
            .isEqualTo(HoldState.APPROVED);
        HeldMail timed = HeldMail.builder().sender("a@example.com").recipients(List.of("b@x.example")).createdAt(T0)
            .dueAt(T0.plusSeconds(60)).mode(HoldMode.TIMED).build();
        store.put(timed, new ByteArrayInputStream(new byte[0]));
        assertThat(store.recordApproval(timed.id(), "boss@example.com", "", 1).status())
            .isEqualTo(TransitionResult.Status.CONFLICT);
        assertThat(store.recordApproval(HeldMailId.random(), "boss@example.com", "", 1).status())
            .isEqualTo(TransitionResult.Status.NOT_FOUND);
    }

    @Test
    void twoApproversAtOnceShouldBothCountAndExactlyOneApproveTheMail() throws Exception {
        for (int round = 0; round < 20; round++) {
            HeldMail m = approval("alice@example.com", "boss@example.com", "security@example.com");
            List<TransitionResult> results = race(
                () -> store.recordApproval(m.id(), "boss@example.com", "", 2),
                () -> store.recordApproval(m.id(), "security@example.com", "", 2));
            assertThat(results).allMatch(TransitionResult::isApplied);
            assertThat(results).filteredOn(r -> r.mail().orElseThrow().state() == HoldState.APPROVED).hasSize(1);
            HeldMail after = store.get(m.id()).orElseThrow();
            assertThat(after.state()).isEqualTo(HoldState.APPROVED);
            assertThat(after.approvals()).containsExactlyInAnyOrder("boss@example.com", "security@example.com");
        }
    }

    @Test
    void theSameApproverInTwoThreadsShouldCountOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            HeldMail m = approval("alice@example.com", "boss@example.com", "security@example.com");
            List<TransitionResult> results = race(
                () -> store.recordApproval(m.id(), "boss@example.com", "", 2),
                () -> store.recordApproval(m.id(), "boss@example.com", "", 2));
            assertThat(results).extracting(TransitionResult::status)
                .containsExactlyInAnyOrder(TransitionResult.Status.APPLIED, TransitionResult.Status.ALREADY_APPROVED);
            HeldMail after = store.get(m.id()).orElseThrow();
            assertThat(after.state()).isEqualTo(HoldState.HELD);
            assertThat(after.approvals()).containsExactly("boss@example.com");
        }
    }

    private List<TransitionResult> race(Callable<TransitionResult> a, Callable<TransitionResult> b) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TransitionResult>> futures = new ArrayList<>();
        for (Callable<TransitionResult> call : List.of(a, b)) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<TransitionResult> results = new ArrayList<>();
        for (Future<TransitionResult> f : futures) {
            results.add(f.get(10, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void aFailedReleaseShouldForgetTheApprovalsSoThatTheMailNeedsThemAllAgain() {
        HeldMail m = approval("alice@example.com", "boss@example.com", "security@example.com");
        store.recordApproval(m.id(), "boss@example.com", "", 2);
        store.recordApproval(m.id(), "security@example.com", "", 2);
        store.claimDue(clock.instant(), 10);
        store.releaseFailed(m.id(), "test");
        HeldMail back = store.get(m.id()).orElseThrow();
        assertThat(back.approvals()).isEmpty();
        assertThat(back.approvalsRequired()).isEqualTo(2);
    }

    @Test
    void removeRecipientsShouldRemoveAllOrNone() {
        HeldMail m = approval("alice@example.com", "boss@example.com");
        TransitionResult refused = store.removeRecipients(m.id(), List.of("bob@partner.example", "eve@x.example"), "alice", "");
        assertThat(refused.status()).isEqualTo(TransitionResult.Status.NO_SUCH_RECIPIENT);
        assertThat(store.get(m.id()).orElseThrow().recipients()).hasSize(2);

        TransitionResult both = store.removeRecipients(m.id(), List.of("BOB@partner.example", "carol@partner.example"),
            "alice", "");
        assertThat(both.mail().orElseThrow().state()).isEqualTo(HoldState.CANCELLED);
        assertThat(both.mail().orElseThrow().removedRecipients())
            .containsExactly("bob@partner.example", "carol@partner.example");
    }

    @Test
    void removeRecipientsShouldRefuseTheSameAddressTwice() {
        HeldMail m = approval("alice@example.com", "boss@example.com");
        assertThat(store.removeRecipients(m.id(), List.of("bob@partner.example", "bob@partner.example"), "a", "").status())
            .isEqualTo(TransitionResult.Status.NO_SUCH_RECIPIENT);
        assertThat(store.get(m.id()).orElseThrow().recipients()).hasSize(2);
    }

    @Test
    void putAttributeIfAbsentShouldSucceedOnceAndSurviveAReopen() {
        HeldMail m = approval("alice@example.com", "boss@example.com");
        assertThat(store.putAttributeIfAbsent(m.id(), HoldState.HELD, HeldMail.REMINDED, "t1").isApplied()).isTrue();
        assertThat(store.putAttributeIfAbsent(m.id(), HoldState.HELD, HeldMail.REMINDED, "t2").status())
            .isEqualTo(TransitionResult.Status.CONFLICT);
        assertThat(store.putAttributeIfAbsent(m.id(), HoldState.APPROVED, "other", "x").status())
            .isEqualTo(TransitionResult.Status.CONFLICT);
        FileHoldStore reopened = FileHoldStore.open(dir, clock, false);
        assertThat(reopened.get(m.id()).orElseThrow().attributes()).containsEntry(HeldMail.REMINDED, "t1");
    }

    @Test
    void listShouldFilterByApproverStatesAndModeFromTheIndexWithoutReadingFiles() {
        HeldMail a = approval("alice@example.com", "Boss@Example.com", "security@example.com");
        HeldMail b = approval("bob@example.com", "other@example.com");
        HeldMail timed = HeldMail.builder().sender("alice@example.com").recipients(List.of("x@y.example")).createdAt(T0)
            .dueAt(T0.plusSeconds(60)).mode(HoldMode.TIMED).approvers(List.of("boss@example.com")).build();
        store.put(timed, new ByteArrayInputStream(new byte[0]));
        store.transition(b.id(), HoldState.HELD, HoldState.REJECTED, "other@example.com", "");
        long reads = store.metadataReads();

        assertThat(store.list(HoldQuery.all().withApprover("boss@example.com")).items()).extracting(HeldMail::id)
            .containsExactlyInAnyOrder(a.id(), timed.id());
        assertThat(store.list(HoldQuery.all().withApprover("boss@example.com").withMode(HoldMode.APPROVAL)).items())
            .extracting(HeldMail::id).containsExactly(a.id());
        assertThat(store.list(HoldQuery.all().withStates(EnumSet.of(HoldState.REJECTED, HoldState.APPROVED))).items())
            .extracting(HeldMail::id).containsExactly(b.id());
        assertThat(store.list(HoldQuery.all().withStates(EnumSet.noneOf(HoldState.class))).totalMatching()).isZero();
        assertThat(store.countByState()).containsEntry(HoldState.HELD, 2L).containsEntry(HoldState.REJECTED, 1L);
        assertThat(store.count(HoldState.REJECTED)).isEqualTo(1);
        assertThat(store.metadataReads()).isEqualTo(reads);

        FileHoldStore reopened = FileHoldStore.open(dir, clock, false);
        assertThat(reopened.list(HoldQuery.all().withApprover("boss@example.com")).items()).extracting(HeldMail::state)
            .containsOnly(HoldState.HELD);
        assertThat(reopened.countByState()).containsEntry(HoldState.REJECTED, 1L);
    }

    @Test
    void theIndexShouldForgetDeletedArchivedAndSetAsideMails() {
        HeldMail a = approval("alice@example.com", "boss@example.com");
        HeldMail b = approval("alice@example.com", "boss@example.com");
        HeldMail c = approval("alice@example.com", "boss@example.com");
        store.transition(a.id(), HoldState.HELD, HoldState.CANCELLED, "alice", "");
        store.transition(b.id(), HoldState.HELD, HoldState.CANCELLED, "alice", "");
        store.delete(a.id());
        store.archive(b.id());
        store.setAside(c.id(), "test");
        assertThat(store.list(HoldQuery.all()).totalMatching()).isZero();
        assertThat(store.countByState().values()).containsOnly(0L);
    }

    @Test
    void aPageOfOneSendersMailAmongTenThousandShouldAnswerInMilliseconds() {
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            String sender = "user" + (i % 100) + "@example.com";
            HeldMail m = HeldMail.builder().sender(sender).recipients(List.of("r" + i + "@partner.example"))
                .subject("mail " + i).createdAt(T0.plusSeconds(i)).dueAt(T0.plusSeconds(3600 + i)).mode(HoldMode.TIMED)
                .build();
            store.put(m, new ByteArrayInputStream(new byte[0]));
        }
        HoldQuery page = HoldQuery.all().withSender("USER7@example.com").withPage(0, 20);
        for (int i = 0; i < 20; i++) {
            store.list(page);
        }
        long start = System.nanoTime();
        int rounds = 50;
        HoldPage result = null;
        for (int i = 0; i < rounds; i++) {
            result = store.list(page);
        }
        double millis = (System.nanoTime() - start) / 1e6 / rounds;
        System.out.printf("FileHoldStore.list: one sender's first page among %d held mails: %.2f ms%n", n, millis);
        assertThat(result.totalMatching()).isEqualTo(100);
        assertThat(result.items()).hasSize(20);
        assertThat(result.items().get(0).subject()).isEqualTo("mail 9907");
        assertThat(millis).isLessThan(200);

        long reopenStart = System.nanoTime();
        FileHoldStore reopened = FileHoldStore.open(dir, clock, false);
        System.out.printf("FileHoldStore.open with %d held mails: %d ms%n", n, (System.nanoTime() - reopenStart) / 1_000_000);
        assertThat(reopened.list(page).totalMatching()).isEqualTo(100);
    }
}
