package io.sendguard.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendingHistoryTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_KEY = "another key that is long enough, 32+ bytes".getBytes(StandardCharsets.UTF_8);
    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";

    @TempDir
    Path dir;

    private SendingHistory open() throws Exception {
        return SendingHistory.open(dir, KEY, 100, 1000);
    }

    @Test
    void containsShouldBeTrueOnlyForWhatTheSenderSentTo() throws Exception {
        try (SendingHistory history = open()) {
            history.add(ALICE, List.of("d:partner.example", "a:bob@partner.example"));

            assertThat(history.contains(ALICE, "d:partner.example")).isTrue();
            assertThat(history.contains(ALICE, "a:bob@partner.example")).isTrue();
            assertThat(history.contains(ALICE, "d:other.example")).isFalse();
            assertThat(history.contains(BOB, "d:partner.example")).isFalse();
        }
    }

    @Test
    void fileShouldCarryTheStandardHmacSha256OfTheKeySoThatEarlierHistoriesStayReadable() throws Exception {
        try (SendingHistory history = open()) {
            history.add(ALICE, List.of("d:partner.example"));
        }
        javax.crypto.Mac reference = javax.crypto.Mac.getInstance("HmacSHA256");
        reference.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = java.util.Arrays.copyOf(
            reference.doFinal("sendguard-history-key-fingerprint".getBytes(StandardCharsets.UTF_8)), 8);
        byte[] file = java.nio.file.Files.readAllBytes(dir.resolve(SendingHistory.LOG_FILE));

        assertThat(java.util.Arrays.copyOfRange(file, SendingHistory.MAGIC.length, SendingHistory.MAGIC.length + 8))
            .isEqualTo(expected);
        byte[] fact = reference.doFinal(("f\u0000" + ALICE + "\u0000d:partner.example").getBytes(StandardCharsets.UTF_8));
        assertThat(java.util.Arrays.copyOfRange(file, SendingHistory.HEADER_BYTES + 16, SendingHistory.HEADER_BYTES + 32))
            .isEqualTo(java.util.Arrays.copyOf(fact, 16));
    }

    @Test
    void firstKnownShouldReturnTheFirstFactSentToBefore() throws Exception {
        try (SendingHistory history = open()) {
            history.add(ALICE, List.of("d:example.co.jp"));

            assertThat(history.firstKnown(ALICE, List.of("d:x.example", "d:example.co.jp"))).contains("d:example.co.jp");
            assertThat(history.firstKnown(BOB, List.of("d:example.co.jp"))).isEmpty();
        }
    }

    @Test
    void openShouldRestoreEveryFactWhenReopened() throws Exception {
        try (SendingHistory history = open()) {
            history.add(ALICE, List.of("d:partner.example", "a:bob@partner.example"));
            history.add(BOB, List.of("d:other.example"));
        }

        try (SendingHistory reopened = open()) {
            assertThat(reopened.contains(ALICE, "d:partner.example")).isTrue();
            assertThat(reopened.contains(ALICE, "a:bob@partner.example")).isTrue();
            assertThat(reopened.contains(BOB, "d:other.example")).isTrue();
            assertThat(reopened.size()).isEqualTo(3);
        }
    }

    @Test
    void filesShouldNeverContainAnAddressOrDomainInClear() throws Exception {
        try (SendingHistory history = open()) {
            history.add(ALICE, List.of("d:partner.example", "a:bob@partner.example"));
            history.compact();
            history.add(ALICE, List.of("a:carol@partner.example"));
        }

        for (Path file : Files.list(dir).toArray(Path[]::new)) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).doesNotContain("partner", "alice", "bob", "carol", "example");
        }
    }

    @Test
    void addShouldForgetTheLeastRecentlyUsedFactOfTheSenderWhenOverItsBound() throws Exception {
        try (SendingHistory history = SendingHistory.open(dir, KEY, 3, 1000)) {
            history.add(ALICE, List.of("d:1.example", "d:2.example", "d:3.example"));
            history.add(ALICE, List.of("d:1.example")); // used again: now the most recent
            history.add(BOB, List.of("d:bob.example"));

            history.add(ALICE, List.of("d:4.example"));

            assertThat(history.contains(ALICE, "d:2.example")).isFalse();
            assertThat(history.contains(ALICE, "d:1.example")).isTrue();
            assertThat(history.contains(ALICE, "d:3.example")).isTrue();
            assertThat(history.contains(ALICE, "d:4.example")).isTrue();
            assertThat(history.contains(BOB, "d:bob.example")).isTrue();
            assertThat(history.sizeOf(ALICE)).isEqualTo(3);
        }
    }

    @Test
    void addShouldForgetTheLeastRecentlyUsedFactOfAnyoneWhenOverTheTotalBound() throws Exception {
        try (SendingHistory history = SendingHistory.open(dir, KEY, 100, 4)) {
            history.add(BOB, List.of("d:old.example"));
            history.add(ALICE, List.of("d:1.example", "d:2.example", "d:3.example"));

            history.add(ALICE, List.of("d:4.example"));

            assertThat(history.size()).isEqualTo(4);
            assertThat(history.contains(BOB, "d:old.example")).isFalse();
            assertThat(history.sizeOf(BOB)).isZero();
            assertThat(history.contains(ALICE, "d:1.example")).isTrue();
        }
    }

    @Test
    void boundsShouldHoldAgainAfterReplayWhenReopened() throws Exception {
        try (SendingHistory history = SendingHistory.open(dir, KEY, 3, 1000)) {
            for (int i = 0; i < 10; i++) {
                history.add(ALICE, List.of("d:" + i + ".example"));
            }
        }

        try (SendingHistory reopened = SendingHistory.open(dir, KEY, 3, 1000)) {
            assertThat(reopened.sizeOf(ALICE)).isEqualTo(3);
            assertThat(reopened.contains(ALICE, "d:9.example")).isTrue();
            assertThat(reopened.contains(ALICE, "d:6.example")).isFalse();
        }
    }

    @Test
    void addShouldCompactTheLogWhenItHoldsManyMoreRecordsThanFacts() throws Exception {
        try (SendingHistory history = SendingHistory.open(dir, KEY, 2, 1000, 10)) {
            for (int i = 0; i < 100; i++) {
                history.add(ALICE, List.of("d:" + i + ".example"));
            }

            assertThat(history.compactions()).isPositive();
            assertThat(Files.size(dir.resolve(SendingHistory.LOG_FILE)))
                .isLessThanOrEqualTo(SendingHistory.HEADER_BYTES + (2L * 2 + 10 + 1) * SendingHistory.RECORD_BYTES);
        }
        try (SendingHistory reopened = SendingHistory.open(dir, KEY, 2, 1000)) {
            assertThat(reopened.contains(ALICE, "d:99.example")).isTrue();
            assertThat(reopened.contains(ALICE, "d:98.example")).isTrue();
            assertThat(reopened.size()).isEqualTo(2);
        }
    }

    @Test
    void openShouldIgnoreATornTailWhenTheLastRecordIsIncomplete() throws Exception {
        try (SendingHistory history = open()) {
            history.add(ALICE, List.of("d:kept.example"));
            history.add(ALICE, List.of("d:torn.example"));
        }
        Path log = dir.resolve(SendingHistory.LOG_FILE);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.setLength(file.length() - 5);
        }

        try (SendingHistory reopened = open()) {
            assertThat(reopened.contains(ALICE, "d:kept.example")).isTrue();
            assertThat(reopened.contains(ALICE, "d:torn.example")).isFalse();
            reopened.add(ALICE, List.of("d:after.example"));
        }
        try (SendingHistory again = open()) {
            assertThat(again.contains(ALICE, "d:after.example")).isTrue();
            assertThat(again.contains(ALICE, "d:kept.example")).isTrue();
        }
    }

    @Test
    void openShouldIgnoreRecordsFromTheFirstDamagedOne() throws Exception {
        try (SendingHistory history = open()) {
            history.add(ALICE, List.of("d:kept.example"));
            history.add(ALICE, List.of("d:damaged.example"));
        }
        Path log = dir.resolve(SendingHistory.LOG_FILE);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.seek(file.length() - 10);
            file.write(new byte[] {1, 2, 3});
        }

        try (SendingHistory reopened = open()) {
            assertThat(reopened.contains(ALICE, "d:kept.example")).isTrue();
            assertThat(reopened.contains(ALICE, "d:damaged.example")).isFalse();
        }
    }

    @Test
    void openShouldSetAsideAHistoryWrittenWithAnotherKey() throws Exception {
        try (SendingHistory history = open()) {
            history.add(ALICE, List.of("d:partner.example"));
        }

        try (SendingHistory other = SendingHistory.open(dir, OTHER_KEY, 100, 1000)) {
            assertThat(other.size()).isZero();
            assertThat(other.contains(ALICE, "d:partner.example")).isFalse();
        }
        assertThat(dir.resolve(SendingHistory.SET_ASIDE_FILE)).exists();
    }

    @Test
    void openShouldRefuseAShortKey() {
        assertThatThrownBy(() -> SendingHistory.open(dir, "short".getBytes(StandardCharsets.UTF_8), 10, 10))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void addShouldBeSafeWhenCalledConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (SendingHistory history = SendingHistory.open(dir, KEY, 10_000, 100_000, 50)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        history.add("s" + thread + "@example.com", List.of("d:" + i + ".example"));
                        history.contains("s" + thread + "@example.com", "d:" + i + ".example");
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            assertThat(history.size()).isEqualTo(800);
        } finally {
            pool.shutdownNow();
        }
        try (SendingHistory reopened = SendingHistory.open(dir, KEY, 10_000, 100_000)) {
            assertThat(reopened.size()).isEqualTo(800);
        }
    }

    @Test
    void everyAcknowledgedFactShouldSurviveWhenTheWritingProcessIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            HistoryWriterMain.class.getName(), dir.toString(), new String(KEY, StandardCharsets.UTF_8))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        AtomicInteger acknowledged = new AtomicInteger(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = out.readLine()) != null) {
                    acknowledged.set(Integer.parseInt(line.trim()));
                }
            } catch (Exception e) {
                // the process was killed
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 300);

        writer.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no close
        reader.join(10_000);
        int last = acknowledged.get();

        try (SendingHistory reopened = SendingHistory.open(dir, KEY, 1_000_000, 1_000_000)) {
            for (int i = 0; i <= last; i++) {
                assertThat(reopened.contains(ALICE, "a:r" + i + "@partner.example")).as("fact %s", i).isTrue();
                assertThat(reopened.contains(ALICE, "d:d" + i + ".example")).as("fact %s", i).isTrue();
            }
            reopened.add(ALICE, List.of("d:after.example"));
        }
        try (SendingHistory again = SendingHistory.open(dir, KEY, 1_000_000, 1_000_000)) {
            assertThat(again.contains(ALICE, "d:after.example")).isTrue();
            assertThat(again.contains(ALICE, "d:d" + last + ".example")).isTrue();
            assertThat(again.contains(ALICE, "d:hot.example")).isTrue();
        }
    }
}
