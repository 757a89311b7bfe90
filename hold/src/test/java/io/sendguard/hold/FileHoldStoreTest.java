package io.sendguard.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHoldStoreTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");

    @TempDir
    Path dir;

    private MutableClock clock;
    private FileHoldStore store;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        store = FileHoldStore.open(dir, clock, false);
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static HeldMail.Builder timed(Instant due, String sender, String... rcpts) {
        return HeldMail.builder().sender(sender).recipients(List.of(rcpts)).subject("s").messageId("<m@x>")
                .createdAt(T0).dueAt(due).mode(HoldMode.TIMED).releaseProcessor("relay");
    }

    private HeldMail put(HeldMail m) {
        store.put(m, payload("Subject: x\r\n\r\nbody of " + m.id() + "\r\n"));
        return m;
    }

    private HeldMail putTimed(Instant due) {
        return put(timed(due, "alice@example.com", "bob@example.org").build());
    }

    @Test
    void claimDueShouldKeepTheMailWhenItIsDueLaterWithinTheSameMillisecond() {
        // the due index names due times in milliseconds, the mail keeps nanoseconds
        Instant due = T0.plusSeconds(60).plusNanos(653_998);
        HeldMail mail = putTimed(due);

        assertThat(store.claimDue(T0.plusSeconds(60).plusNanos(200_000), 10)).isEmpty();
        assertThat(store.claimDue(T0.plusSeconds(60).plusNanos(999_999), 10)).extracting(HeldMail::id)
            .containsExactly(mail.id());
    }

    private static InputStream payload(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void putThenGetShouldRoundTripAllMetadataAndThePayload() throws IOException {
        HeldMail m = HeldMail.builder().sender("alice@example.com")
                .recipients(List.of("bob@example.org", "carol@example.net"))
                .subject("見積書 = final\nversion\\2").messageId("<abc@example.com>")
                .createdAt(T0).dueAt(T0.plusSeconds(300)).mode(HoldMode.TIMED)
                .approvers(List.of("boss@example.com")).releaseProcessor("relay")
                .attribute("findings", "{\"rule\":\"external=3\"}\r\nline2").attribute("k=ey", "")
                .build();
        store.put(m, payload("raw mime"));

        HeldMail read = store.get(m.id()).orElseThrow();

        assertThat(read).isEqualTo(m.toBuilder().version(1).build());
        assertThat(read(store.openPayload(m.id()).orElseThrow())).isEqualTo("raw mime");
    }

    @Test
    void putShouldStreamAWrittenPayloadIntoTheStore() throws IOException {
        HeldMail m = timed(T0, "alice@example.com", "bob@example.org").build();
        byte[] large = "x".repeat(3 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);

        store.put(m, out -> {
            out.write("Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < large.length; i += 1000) {
                out.write(large, i, Math.min(1000, large.length - i));
            }
        });

        assertThat(read(store.openPayload(m.id()).orElseThrow())).hasSize(3 * 1024 * 1024 + 16).startsWith("Subject: big");
    }

    @Test
    void putShouldLeaveNothingBehindWhenThePayloadWriterFailsHalfway() throws IOException {
        HeldMail m = timed(T0, "alice@example.com", "bob@example.org").build();

        assertThatThrownBy(() -> store.put(m, out -> {
            out.write("Subject: half\r\n".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("the mail could not be read");
        })).isInstanceOf(HoldStoreException.class);

        assertThat(store.get(m.id())).isEmpty();
        assertThat(store.openPayload(m.id())).isEmpty();
        try (java.util.stream.Stream<Path> staged = java.nio.file.Files.list(dir.resolve("tmp"))) {
            assertThat(staged).isEmpty();
        }
        put(m); // the id is still free
        assertThat(store.get(m.id())).isPresent();
    }

    @Test
    void putShouldRejectDuplicateIdsAndNonHeldMails() {
        HeldMail m = putTimed(T0);
        assertThatThrownBy(() -> put(m)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> put(timed(T0, "a@b.c", "d@e.f").state(HoldState.RELEASED).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> put(timed(T0, "a@b.c").build())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownIdShouldGiveEmptyResults() {
        HeldMailId unknown = HeldMailId.random();
        assertThat(store.get(unknown)).isEmpty();
        assertThat(store.openPayload(unknown)).isEmpty();
        assertThat(store.transition(unknown, HoldState.HELD, HoldState.CANCELLED, "a", "").status())
                .isEqualTo(TransitionResult.Status.NOT_FOUND);
    }

    @Test
    void heldMailsShouldSurviveANewStoreInstanceOnTheSameDirectory() throws IOException {
        HeldMail due = putTimed(T0.plusSeconds(60));
        HeldMail cancelled = putTimed(T0.plusSeconds(120));
        store.transition(cancelled.id(), HoldState.HELD, HoldState.CANCELLED, "alice@example.com", "oops");

        FileHoldStore reopened = FileHoldStore.open(dir, clock, true);

        assertThat(reopened.get(cancelled.id()).orElseThrow().state()).isEqualTo(HoldState.CANCELLED);
        assertThat(reopened.get(cancelled.id()).orElseThrow().lastDecision().orElseThrow().comment())
                .isEqualTo("oops");
        assertThat(read(reopened.openPayload(due.id()).orElseThrow())).contains("body of " + due.id());
        assertThat(reopened.claimDue(T0.plusSeconds(3600), 10)).extracting(HeldMail::id).containsExactly(due.id());
    }

    @Test
    void halfWrittenTempFilesShouldBeIgnoredAndRemovedOnStartup() throws IOException {
        HeldMail kept = putTimed(T0.plusSeconds(60));
        // simulate kill -9 in the middle of a put and of a metadata rewrite
        Path tmp = dir.resolve("tmp");
        Path staged = Files.createDirectory(tmp.resolve("put-" + HeldMailId.random() + "-x"));
        Files.write(staged.resolve(FileHoldStore.PAYLOAD), "Subject: half".getBytes(StandardCharsets.UTF_8));
        Files.write(staged.resolve(FileHoldStore.META), "format=1\nid=".getBytes(StandardCharsets.UTF_8));
        Files.write(tmp.resolve("w-123"), "format=1\nstate=CANCEL".getBytes(StandardCharsets.UTF_8));

        FileHoldStore reopened = FileHoldStore.open(dir, clock, false);

        assertThat(reopened.list(HoldQuery.all()).items()).extracting(HeldMail::id).containsExactly(kept.id());
        assertThat(reopened.get(kept.id()).orElseThrow().state()).isEqualTo(HoldState.HELD);
        try (var s = Files.list(tmp)) {
            assertThat(s.count()).isZero();
        }
    }

    @Test
    void tornMetadataShouldBeRejectedAndSkippedByListing() throws IOException {
        HeldMail good = putTimed(T0);
        HeldMail torn = putTimed(T0);
        Path meta = dir.resolve("mails").resolve(torn.id().asString().substring(0, 2))
                .resolve(torn.id().asString()).resolve(FileHoldStore.META);
        byte[] bytes = Files.readAllBytes(meta);
        Files.write(meta, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> store.get(torn.id())).isInstanceOf(HoldStoreException.class);
        // a torn file is what a crash in the middle of a write leaves: the next start finds it (listing answers from
        // the metadata read at open)
        store = FileHoldStore.open(dir, clock, false);
        assertThat(store.list(HoldQuery.all()).items()).extracting(HeldMail::id).containsExactly(good.id());
    }

    @Test
    void claimDueShouldSetAnUnreadableMailAsideOnceAndStillClaimTheOthers() throws IOException {
        HeldMail before = putTimed(T0);
        HeldMail torn = putTimed(T0);
        HeldMail after = putTimed(T0);
        Path mailDir = dir.resolve("mails").resolve(torn.id().asString().substring(0, 2)).resolve(torn.id().asString());
        Files.write(mailDir.resolve(FileHoldStore.META), "state=HELD\nnot a held mail".getBytes(StandardCharsets.UTF_8));
        List<SetAsideMail> observed = new java.util.ArrayList<>();
        store.onSetAside(observed::add);

        assertThat(store.claimDue(clock.instant(), 10)).extracting(HeldMail::id).containsExactlyInAnyOrder(before.id(), after.id());

        assertThat(observed).extracting(SetAsideMail::id).containsExactly(torn.id().asString());
        assertThat(store.setAside()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(torn.id().asString());
            assertThat(m.reason()).contains("cannot be claimed");
            assertThat(m.at()).isEqualTo(clock.instant());
        });
        assertThat(mailDir).doesNotExist();
        assertThat(dir.resolve("bad").resolve(torn.id().asString()).resolve(FileHoldStore.PAYLOAD)).exists();
        assertThat(store.claimDue(clock.instant(), 10)).isEmpty();
        assertThat(observed).as("set aside once").hasSize(1);
        assertThat(FileHoldStore.open(dir, clock, false).setAside()).as("after a restart").hasSize(1);
    }

    @Test
    void recoveryShouldSetAnUnreadableReleasingMailAsideAndRecoverTheOthers() throws IOException {
        HeldMail fine = putTimed(T0);
        HeldMail torn = putTimed(T0);
        assertThat(store.claimDue(clock.instant(), 10)).hasSize(2);
        Path meta = dir.resolve("mails").resolve(torn.id().asString().substring(0, 2)).resolve(torn.id().asString())
            .resolve(FileHoldStore.META);
        Files.write(meta, new byte[] {0, 1, 2});

        assertThat(store.recoverReleasing(clock.instant())).isEqualTo(1);

        assertThat(store.get(fine.id()).orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(store.setAside()).extracting(SetAsideMail::id).containsExactly(torn.id().asString());
    }

    @Test
    void releasingMailsShouldGoBackToHeldOnRecoveryAndBeClaimedAgain() {
        HeldMail m = putTimed(T0.plusSeconds(10));
        clock.set(T0.plusSeconds(20));
        assertThat(store.claimDue(clock.instant(), 10)).hasSize(1);
        // crash: never marked released

        FileHoldStore restarted = FileHoldStore.open(dir, clock, false);
        assertThat(restarted.claimDue(clock.instant(), 10)).isEmpty();
        assertThat(restarted.recoverReleasing(clock.instant())).isEqualTo(1);

        assertThat(restarted.get(m.id()).orElseThrow().state()).isEqualTo(HoldState.HELD);
        List<HeldMail> again = restarted.claimDue(clock.instant(), 10);
        assertThat(again).extracting(HeldMail::id).containsExactly(m.id());
        assertThat(again.get(0).releaseAttempts()).isEqualTo(2);
        assertThat(restarted.markReleased(m.id()).isApplied()).isTrue();
        assertThat(restarted.recoverReleasing(clock.instant())).isZero();
    }

    @Test
    void recoveryShouldSkipMailsClaimedAfterTheGivenInstantAndRestoreApprovedOnes() {
        HeldMail approval = put(HeldMail.builder().sender("a@x.com").recipients(List.of("b@y.com"))
                .createdAt(T0).mode(HoldMode.APPROVAL).approvers(List.of("boss@x.com")).build());
        store.transition(approval.id(), HoldState.HELD, HoldState.APPROVED, "boss@x.com", "ok");
        assertThat(store.claimDue(clock.instant(), 10)).extracting(HeldMail::id).containsExactly(approval.id());

        assertThat(store.recoverReleasing(T0.minusSeconds(1))).isZero();
        assertThat(store.recoverReleasing(T0)).isEqualTo(1);

        assertThat(store.get(approval.id()).orElseThrow().state()).isEqualTo(HoldState.APPROVED);
        assertThat(store.claimDue(clock.instant(), 10)).extracting(HeldMail::id).containsExactly(approval.id());
    }

    @Test
    void claimDueShouldReturnEachMailOnceWhenCalledConcurrently() throws Exception {
        List<HeldMailId> ids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ids.add(putTimed(T0.plusSeconds(i * 7L)).id());
        }
        Instant now = T0.plusSeconds(4000);
        Set<HeldMailId> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                List<HeldMail> batch;
                do {
                    batch = store.claimDue(now, 7);
                    for (HeldMail m : batch) {
                        assertThat(m.state()).isEqualTo(HoldState.RELEASING);
                        if (!seen.add(m.id())) {
                            duplicates.incrementAndGet();
                        }
                    }
                } while (!batch.isEmpty());
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(duplicates).hasValue(0);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(store.count(HoldState.RELEASING)).isEqualTo(400);
    }

    @Test
    void racingCancelSendNowClaimAndReleaseShouldHaveExactlyOneWinnerPerMail() throws Exception {
        List<HeldMailId> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(putTimed(T0).id());
        }
        Map<HeldMailId, AtomicInteger> wins = new ConcurrentHashMap<>();
        ids.forEach(id -> wins.put(id, new AtomicInteger()));
        Set<String> loserMessages = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            final int kind = t % 4;
            futures.add(pool.submit(() -> {
                start.await();
                List<HeldMailId> order = new ArrayList<>(ids);
                Collections.shuffle(order, new Random(kind));
                if (kind == 3) {
                    List<HeldMail> batch;
                    do {
                        batch = store.claimDue(T0, 5);
                        batch.forEach(m -> wins.get(m.id()).incrementAndGet());
                    } while (!batch.isEmpty());
                    return null;
                }
                for (HeldMailId id : order) {
                    TransitionResult r = kind == 0
                            ? store.transition(id, HoldState.HELD, HoldState.CANCELLED, "sender", "cancel click")
                            : kind == 1
                            ? store.transition(id, HoldState.HELD, HoldState.RELEASING, "sender", "send now")
                            : store.removeRecipient(id, "bob@example.org", "sender", null);
                    if (r.isApplied()) {
                        wins.get(id).incrementAndGet();
                    } else {
                        assertThat(r.status()).isEqualTo(TransitionResult.Status.CONFLICT);
                        loserMessages.add(r.describe());
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(wins.values()).allSatisfy(w -> assertThat(w).hasValue(1));
        assertThat(loserMessages).allSatisfy(msg -> assertThat(msg).startsWith("already "));
        // release: double markReleased, one winner
        for (HeldMailId id : ids) {
            if (store.get(id).orElseThrow().state() == HoldState.RELEASING) {
                List<Future<TransitionResult>> rs = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    rs.add(pool.submit(() -> store.markReleased(id)));
                }
                int applied = 0;
                for (Future<TransitionResult> f : rs) {
                    applied += f.get().isApplied() ? 1 : 0;
                }
                assertThat(applied).isEqualTo(1);
                assertThat(store.markReleased(id).describe()).isEqualTo("already RELEASED");
            }
        }
        assertThat(store.count(HoldState.HELD) + store.count(HoldState.RELEASING)).isZero();
    }

    @Test
    void claimDueShouldReturnMailsInDueTimeOrderAcrossBuckets() {
        List<Instant> dues = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            dues.add(T0.plusMillis(i * 37_003L));
        }
        Collections.shuffle(dues, new Random(42));
        dues.forEach(this::putTimed);

        List<Instant> claimed = new ArrayList<>();
        List<HeldMail> batch;
        while (!(batch = store.claimDue(T0.plus(Duration.ofHours(1)), 3)).isEmpty()) {
            batch.forEach(m -> claimed.add(m.dueAt().orElseThrow()));
        }

        assertThat(claimed).hasSize(40).isSorted();
        assertThat(store.dueBucketCount()).isZero();
    }

    @Test
    void claimDueShouldIgnoreFutureApprovalOnlyAndDecidedMails() {
        HeldMail past = putTimed(T0.minusSeconds(1));
        HeldMail exactlyNow = putTimed(T0);
        putTimed(T0.plusMillis(1));
        HeldMail cancelled = putTimed(T0.minusSeconds(5));
        store.transition(cancelled.id(), HoldState.HELD, HoldState.CANCELLED, "a", null);
        put(HeldMail.builder().sender("a@x.com").recipients(List.of("b@y.com")).createdAt(T0)
                .mode(HoldMode.APPROVAL).build());

        assertThat(store.claimDue(T0, 100)).extracting(HeldMail::id).containsExactly(past.id(), exactlyNow.id());
        assertThat(store.claimDue(T0, 100)).isEmpty();
    }

    @Test
    void approvingShouldMakeAnApprovalMailDueAndRejectingShouldNot() {
        HeldMail a = put(HeldMail.builder().sender("a@x.com").recipients(List.of("b@y.com")).createdAt(T0)
                .mode(HoldMode.APPROVAL).approvers(List.of("boss@x.com")).build());
        HeldMail r = put(HeldMail.builder().sender("a@x.com").recipients(List.of("b@y.com")).createdAt(T0)
                .mode(HoldMode.APPROVAL).approvers(List.of("boss@x.com")).build());
        clock.advance(Duration.ofMinutes(3));

        TransitionResult approved = store.transition(a.id(), HoldState.HELD, HoldState.APPROVED, "boss@x.com", "fine");
        store.transition(r.id(), HoldState.HELD, HoldState.REJECTED, "boss@x.com", "no");

        assertThat(approved.mail().orElseThrow().dueAt()).contains(clock.instant());
        assertThat(approved.mail().orElseThrow().lastDecision().orElseThrow().actor()).isEqualTo("boss@x.com");
        assertThat(store.claimDue(clock.instant(), 10)).extracting(HeldMail::id).containsExactly(a.id());
        assertThat(store.transition(r.id(), HoldState.HELD, HoldState.APPROVED, "boss2@x.com", "").describe())
                .isEqualTo("already REJECTED");
    }

    @Test
    void illegalTransitionsShouldBeRefused() {
        HeldMail m = putTimed(T0);
        assertThatThrownBy(() -> store.transition(m.id(), HoldState.RELEASED, HoldState.HELD, "a", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.transition(m.id(), HoldState.HELD, HoldState.RELEASED, "a", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removingOneRecipientShouldKeepTheOthersHeld() {
        HeldMail m = put(timed(T0.plusSeconds(60), "a@x.com", "b@y.com", "C@z.com").build());

        TransitionResult r = store.removeRecipient(m.id(), "c@Z.com", "a@x.com", null);

        HeldMail after = r.mail().orElseThrow();
        assertThat(r.isApplied()).isTrue();
        assertThat(after.state()).isEqualTo(HoldState.HELD);
        assertThat(after.recipients()).containsExactly("b@y.com");
        assertThat(after.removedRecipients()).containsExactly("C@z.com");
        assertThat(store.removeRecipient(m.id(), "c@z.com", "a@x.com", null).status())
                .isEqualTo(TransitionResult.Status.NO_SUCH_RECIPIENT);
        assertThat(store.claimDue(T0.plusSeconds(60), 5)).singleElement()
                .satisfies(c -> assertThat(c.recipients()).containsExactly("b@y.com"));
    }

    @Test
    void removingTheLastRecipientShouldCancelTheMail() {
        HeldMail m = put(timed(T0.plusSeconds(60), "a@x.com", "b@y.com", "c@z.com").build());

        store.removeRecipient(m.id(), "b@y.com", "a@x.com", null);
        TransitionResult last = store.removeRecipient(m.id(), "c@z.com", "a@x.com", "wrong thread");

        assertThat(last.mail().orElseThrow().state()).isEqualTo(HoldState.CANCELLED);
        assertThat(last.mail().orElseThrow().recipients()).isEmpty();
        assertThat(last.mail().orElseThrow().lastDecision().orElseThrow().comment()).isEqualTo("wrong thread");
        assertThat(store.claimDue(T0.plusSeconds(60), 5)).isEmpty();
        assertThat(store.removeRecipient(m.id(), "c@z.com", "a@x.com", null).describe()).isEqualTo("already CANCELLED");
    }

    @Test
    void listShouldFilterBySenderRecipientAndStateAndPageNewestFirst() {
        List<HeldMail> fromAlice = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            fromAlice.add(put(timed(T0, "alice@x.com", "bob@y.com").createdAt(T0.plusSeconds(i)).build()));
        }
        put(timed(T0, "carol@x.com", "dave@y.com", "BOB@y.com").createdAt(T0.plusSeconds(100)).build());
        store.transition(fromAlice.get(0).id(), HoldState.HELD, HoldState.CANCELLED, "alice@x.com", "");

        HoldPage page1 = store.list(HoldQuery.all().withSender("ALICE@x.com").withPage(0, 3));
        HoldPage page3 = store.list(HoldQuery.all().withSender("alice@x.com").withPage(6, 3));

        assertThat(page1.totalMatching()).isEqualTo(7);
        assertThat(page1.items()).extracting(HeldMail::id)
                .containsExactly(fromAlice.get(6).id(), fromAlice.get(5).id(), fromAlice.get(4).id());
        assertThat(page1.hasMore()).isTrue();
        assertThat(page3.items()).extracting(HeldMail::id).containsExactly(fromAlice.get(0).id());
        assertThat(page3.hasMore()).isFalse();
        assertThat(store.list(HoldQuery.all().withRecipient("bob@y.com")).totalMatching()).isEqualTo(8);
        assertThat(store.list(HoldQuery.all().withRecipient("dave@y.com").withState(HoldState.HELD))
                .items()).hasSize(1);
        assertThat(store.list(HoldQuery.all().withSender("alice@x.com").withState(HoldState.CANCELLED)).items())
                .extracting(HeldMail::id).containsExactly(fromAlice.get(0).id());
        assertThat(store.count(HoldState.HELD)).isEqualTo(7);
        Map<HoldState, Long> counts = store.countByState();
        assertThat(counts).containsEntry(HoldState.HELD, 7L).containsEntry(HoldState.CANCELLED, 1L)
                .containsEntry(HoldState.RELEASED, 0L).hasSize(HoldState.values().length);
    }

    @Test
    void claimDueShouldReadOnlyTheMetadataOfDueEntries() {
        for (int i = 0; i < 300; i++) {
            putTimed(T0.plusSeconds(60L + i * 97L)); // spread over ~8 hours, none due yet
        }
        List<HeldMailId> due = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            due.add(putTimed(T0.minusSeconds(i * 1000L)).id());
        }
        long before = store.metadataReads();

        List<HeldMail> claimed = store.claimDue(T0, 100);

        assertThat(claimed).extracting(HeldMail::id).containsExactlyInAnyOrderElementsOf(due);
        assertThat(store.metadataReads() - before).isEqualTo(5);
        long beforeEmpty = store.metadataReads();
        assertThat(store.claimDue(T0, 100)).isEmpty();
        assertThat(store.metadataReads() - beforeEmpty).isZero();
    }

    @Test
    void listingShouldNeverOpenPayloads() throws IOException {
        HeldMail m = putTimed(T0);
        Path payloadFile = dir.resolve("mails").resolve(m.id().asString().substring(0, 2))
                .resolve(m.id().asString()).resolve(FileHoldStore.PAYLOAD);
        Files.delete(payloadFile); // if listing touched payloads it would fail or drop the mail

        assertThat(store.list(HoldQuery.all().withSender("alice@example.com")).items()).hasSize(1);
    }

    @Test
    void releaseJournalShouldKeepTheFirstAttemptOfAnId() {
        HeldMail m = putTimed(T0);
        assertThat(store.recordDispatch(m.id(), 2)).isEqualTo(2);
        assertThat(store.recordDispatch(m.id(), 2)).as("the same attempt again").isEqualTo(2);
        assertThat(store.recordDispatch(m.id(), 3)).as("another attempt").isEqualTo(2);
        assertThat(FileHoldStore.open(dir, clock, false).recordDispatch(m.id(), 1)).isEqualTo(2);
    }

    @Test
    void leaseRecoveryShouldLeaveMailsWhoseCopyPassedTheGateButARestartShouldNot() {
        HeldMail passed = putTimed(T0);
        HeldMail lost = putTimed(T0);
        assertThat(store.claimDue(clock.instant(), 10)).hasSize(2);
        store.recordDispatch(passed.id(), 1);

        assertThat(store.recoverReleasing(clock.instant())).isEqualTo(1);
        assertThat(store.get(lost.id()).orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(store.get(passed.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASING);

        FileHoldStore restarted = FileHoldStore.open(dir, clock, false);
        assertThat(restarted.recoverAfterRestart()).isEqualTo(1);
        assertThat(restarted.get(passed.id()).orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(restarted.recordDispatch(passed.id(), 3)).as("journal cleared").isEqualTo(3);
    }

    @Test
    void deleteAndArchiveShouldOnlyAcceptTerminalMails() {
        HeldMail held = putTimed(T0.plusSeconds(5));
        HeldMail toArchive = putTimed(T0.plusSeconds(5));
        assertThatThrownBy(() -> store.delete(held.id())).isInstanceOf(IllegalStateException.class);
        store.transition(held.id(), HoldState.HELD, HoldState.CANCELLED, "a", "");
        store.transition(toArchive.id(), HoldState.HELD, HoldState.EXPIRED, "system", "");

        assertThat(store.delete(held.id())).isTrue();
        assertThat(store.archive(toArchive.id())).isTrue();

        assertThat(store.get(held.id())).isEmpty();
        assertThat(store.get(toArchive.id())).isEmpty();
        assertThat(store.delete(held.id())).isFalse();
        assertThat(Files.exists(dir.resolve("archive").resolve(toArchive.id().asString().substring(0, 2))
                .resolve(toArchive.id().asString()).resolve(FileHoldStore.META))).isTrue();
        assertThat(store.claimDue(T0.plusSeconds(10), 10)).isEmpty();
    }

    @Test
    void idsShouldBeUrlSafeUniqueAndValidated() {
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(HeldMailId.random().asString());
        }
        assertThat(ids).hasSize(1000).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]{22}"));
        assertThatThrownBy(() -> HeldMailId.of("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ids.stream().map(HeldMailId::of).collect(Collectors.toSet())).hasSize(1000);
    }
}
