package io.sendguard.hold.bench;

import io.sendguard.hold.FileHoldStore;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * JMH-free benchmark of {@link FileHoldStore#claimDue}: holds N mails with due times spread evenly over
 * one day, then claims the ones that are due (default 1,000) in batches of 100 and reports time,
 * claims per second and heap. Runs N=100,000 and N=1,000 to show that the cost follows what is due,
 * not what is held. See hold/BENCHMARK.md.
 *
 * <p>Arguments (all optional): {@code [N] [due] [fsync=true|false] [dir]}.
 */
public final class HoldStoreBenchmark {
    private static final long DAY_MS = 86_400_000L;
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    private HoldStoreBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int due = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        boolean fsync = args.length > 2 ? Boolean.parseBoolean(args[2]) : true;
        Path base = args.length > 3 ? Path.of(args[3]) : Path.of(System.getProperty("java.io.tmpdir"));
        System.out.printf("claimDue benchmark: due=%d, claim batch=100, fsync during claims=%s, dir=%s%n",
                due, fsync, base);
        run(base, 2_000, due, fsync, false); // warm-up (JIT)
        run(base, n, due, fsync, true);
        run(base, Math.min(n, due), due, fsync, true);
    }

    private static void run(Path base, int n, int due, boolean fsync, boolean print) throws IOException {
        Path dir = Files.createTempDirectory(base, "sendguard-hold-bench-");
        try {
            Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
            byte[] payload = ("From: a@example.com\r\nTo: b@example.org\r\nSubject: bench\r\n\r\n"
                    + "x".repeat(200) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            FileHoldStore setup = FileHoldStore.open(dir, clock, false);
            long spacing = DAY_MS / n;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                HeldMail m = HeldMail.builder().sender("user" + (i % 500) + "@example.com")
                        .recipients(List.of("rcpt" + i + "@example.org")).subject("bench " + i)
                        .messageId("<" + i + "@bench>").createdAt(T0).dueAt(T0.plusMillis((i + 1) * spacing))
                        .mode(HoldMode.TIMED).releaseProcessor("relay").build();
                setup.put(m, new ByteArrayInputStream(payload));
            }
            double putSeconds = (System.nanoTime() - t) / 1e9;
            Instant now = T0.plusMillis(Math.min(n, due) * spacing);

            long heapBefore = usedHeap();
            long openStart = System.nanoTime();
            FileHoldStore store = FileHoldStore.open(dir, clock, fsync); // fresh instance, like a restart
            double openMs = (System.nanoTime() - openStart) / 1e6;

            long start = System.nanoTime();
            int claimed = 0;
            int calls = 0;
            List<HeldMail> batch;
            do {
                batch = store.claimDue(now, 100);
                claimed += batch.size();
                calls++;
            } while (!batch.isEmpty());
            double claimSeconds = (System.nanoTime() - start) / 1e9;

            long idleStart = System.nanoTime();
            int idleCalls = 1_000;
            for (int i = 0; i < idleCalls; i++) {
                store.claimDue(now, 100);
            }
            double idleMicros = (System.nanoTime() - idleStart) / 1e3 / idleCalls;
            long heapAfter = usedHeap();

            if (print) {
                System.out.printf("N=%,d held (put %.1fs without fsync, %,.0f puts/s); open %.1f ms%n",
                        n, putSeconds, n / putSeconds, openMs);
                System.out.printf("  claimed %,d due mails in %d claimDue calls: %.1f ms total, %,.0f claims/s, "
                        + "%.3f ms per call%n", claimed, calls, claimSeconds * 1e3, claimed / claimSeconds,
                        claimSeconds * 1e3 / calls);
                System.out.printf("  idle claimDue (nothing due): %.1f us per call%n", idleMicros);
                System.out.printf("  heap used: %.1f MiB before open, %.1f MiB after claims (delta %.1f MiB)%n",
                        heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1048576.0);
            }
            if (claimed != Math.min(n, due)) {
                throw new IllegalStateException("expected " + Math.min(n, due) + " claims, got " + claimed);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
