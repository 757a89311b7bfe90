package io.sendguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyed chain against someone who can write the audit files but does not hold audit.hashKey: rewriting a record
 * and recomputing the hashes (plain, as the chain was before), cutting the trail at its start with a new anchor.json
 * or at its end, are all detected; trails written before the chain was keyed still verify; a failed write is counted.
 */
class KeyedAuditChainTest {
    static final Instant START = Instant.parse("2025-05-01T05:00:00Z");
    static final byte[] KEY = "0123456789abcdef0123456789abcdef-audit".getBytes(StandardCharsets.UTF_8);
    static final AuditSettings KEYED = AuditSettings.defaults().withChainKey(KEY);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(START);
    final List<FileAuditLog> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(FileAuditLog::close);
    }

    FileAuditLog open(AuditSettings settings) {
        FileAuditLog log = FileAuditLog.open(dir, settings, clock);
        opened.add(log);
        return log;
    }

    void appendMany(FileAuditLog log, int count) {
        for (int i = 1; i <= count; i++) {
            log.append(FileAuditLogTest.event(AuditEventType.HELD, i));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    /** What an attacker without the key does: change line {@code from}, then recompute plain SHA-256 hashes onwards. */
    static List<String> rewritePlain(List<String> lines, int from, boolean stripKeyMarker) {
        List<String> out = new ArrayList<>(lines);
        String prev = null;
        for (int i = 0; i < out.size(); i++) {
            String line = out.get(i);
            int cut = line.indexOf(",\"hash\":");
            String body = line.substring(0, cut) + "}";
            if (i < from) {
                prev = line.substring(cut + 9, cut + 9 + 64);
                continue;
            }
            if (i == from) {
                body = body.replace("mail-", "mail-X");
            }
            if (stripKeyMarker) {
                body = body.replace(",\"chain\":\"hmac-sha256\"", "");
            }
            if (prev != null) {
                body = body.replaceFirst("\"prevHash\":\"[0-9a-f]{64}\"", "\"prevHash\":\"" + prev + "\"");
            }
            String hash = FileAuditLog.sha256((prev == null ? FileAuditLog.GENESIS_HASH : prev) + body);
            out.set(i, body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}");
            prev = hash;
        }
        return out;
    }

    static void write(Path file, List<String> lines) throws IOException {
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void appendShouldMarkRecordsKeyedAndVerifyShouldSucceedWhenNothingWasChanged() throws IOException {
        FileAuditLog log = open(KEYED);
        appendMany(log, 5);

        Verification verification = log.verify();

        assertThat(verification.isOk()).as(verification.toString()).isTrue();
        assertThat(verification.records()).isEqualTo(5);
        assertThat(verification.unkeyedRecords()).isZero();
        assertThat(Files.readAllLines(log.files().get(0))).allMatch(l -> l.contains(",\"chain\":\"hmac-sha256\","));
    }

    @Test
    void verifyShouldFailWhenARecordWasRewrittenAndThePlainHashesRecomputed() throws IOException {
        FileAuditLog log = open(KEYED);
        appendMany(log, 6);
        Path file = log.files().get(0);
        write(file, rewritePlain(Files.readAllLines(file), 2, false));

        Verification.Broken broken = log.verify().brokenAt().orElseThrow();

        assertThat(broken.line()).isEqualTo(3);
        assertThat(broken.reason()).contains("hash mismatch");
    }

    @Test
    void verifyShouldFailWhenTheChainWasRecomputedPlainFromARecordOn() throws IOException {
        FileAuditLog log = open(KEYED);
        appendMany(log, 6);
        Path file = log.files().get(0);
        write(file, rewritePlain(Files.readAllLines(file), 3, true));

        Verification.Broken broken = log.verify().brokenAt().orElseThrow();

        assertThat(broken.line()).isEqualTo(4);
        assertThat(broken.reason()).contains("plain (unkeyed) record after keyed ones");
    }

    @Test
    void verifyShouldFailAfterARestartWhenTheWholeTrailWasRecomputedPlain() throws IOException {
        FileAuditLog log = open(KEYED);
        appendMany(log, 6);
        Path file = log.files().get(0);
        log.close();
        write(file, rewritePlain(Files.readAllLines(file), 0, true));

        Verification verification = open(KEYED).verify();

        assertThat(verification.isOk()).isFalse();
        assertThat(verification.brokenAt().orElseThrow().reason()).contains("checkpoint head.json");
    }

    @Test
    void verifyShouldFailWhileRunningWhenRecordsWereCutFromTheEnd() throws IOException {
        FileAuditLog log = open(KEYED);
        appendMany(log, 6);
        Path file = log.files().get(0);
        List<String> lines = Files.readAllLines(file);
        write(file, lines.subList(0, 4));

        Verification.Broken broken = log.verify().brokenAt().orElseThrow();

        assertThat(broken.reason()).contains("ends at seq 4").contains("written up to seq 6");
    }

    @Test
    void verifyShouldFailAfterARestartWhenRecordsWereCutFromTheEndAndTheCheckpointShouldBeKept() throws IOException {
        FileAuditLog log = open(KEYED);
        appendMany(log, 6);
        Path file = log.files().get(0);
        log.close();
        write(file, Files.readAllLines(file).subList(0, 4));

        FileAuditLog reopened = open(KEYED);
        appendMany(reopened, 3);
        reopened.checkpointNow();

        Verification.Broken broken = reopened.verify().brokenAt().orElseThrow();
        assertThat(broken.reason()).contains("checkpoint");
    }

    @Test
    void verifyShouldFailWhenTheStartWasCutAndAnUnsealedAnchorWritten() throws IOException {
        FileAuditLog log = open(KEYED.withRotateBytes(1500));
        appendMany(log, 12);
        List<Path> files = log.files();
        assertThat(files.size()).isGreaterThanOrEqualTo(3);
        String first = Files.readAllLines(files.get(1)).get(0);
        long seq = Long.parseLong(first.substring(first.indexOf(':') + 1, first.indexOf(',')));
        String prev = first.substring(first.indexOf("\"prevHash\":\"") + 12, first.indexOf("\"prevHash\":\"") + 76);
        Files.delete(files.get(0));
        Files.writeString(dir.resolve(FileAuditLog.ANCHOR_FILE), "{\"file\":\"" + files.get(1).getFileName() + "\",\"seq\":" + seq
            + ",\"prevHash\":\"" + prev + "\"}\n");

        Verification.Broken broken = log.verify().brokenAt().orElseThrow();

        assertThat(broken.reason()).contains("anchor.json without a valid seal");
    }

    @Test
    void verifyShouldFailWhenASealedAnchorWasChanged() throws IOException {
        FileAuditLog log = open(KEYED.withRotateBytes(1500).withRetention(Duration.ofDays(2)));
        appendMany(log, 8);
        clock.advance(Duration.ofDays(3));
        appendMany(log, 8);
        Path anchor = dir.resolve(FileAuditLog.ANCHOR_FILE);
        assertThat(anchor).exists();
        assertThat(log.verify().isOk()).as(log.verify().toString()).isTrue();
        String text = Files.readString(anchor);
        long seq = Long.parseLong(text.replaceAll("(?s).*\"seq\":(\\d+).*", "$1"));
        Files.writeString(anchor, text.replace("\"seq\":" + seq, "\"seq\":" + (seq + 1)));

        Verification.Broken broken = log.verify().brokenAt().orElseThrow();

        assertThat(broken.file()).isEqualTo(FileAuditLog.ANCHOR_FILE);
        assertThat(broken.reason()).contains("seal");
    }

    @Test
    void verifyShouldAcceptAPlainTrailWrittenBeforeAndPinItWithTheFirstKeyedRecord() throws IOException {
        FileAuditLog old = open(AuditSettings.defaults());
        appendMany(old, 4);
        old.close();
        FileAuditLog log = open(KEYED);
        appendMany(log, 3);

        Verification verification = log.verify();
        assertThat(verification.isOk()).as(verification.toString()).isTrue();
        assertThat(verification.records()).isEqualTo(7);
        assertThat(verification.unkeyedRecords()).isEqualTo(4);

        // the plain part rewritten with its hashes recomputed no longer links to the first keyed record
        Path file = log.files().get(0);
        List<String> lines = Files.readAllLines(file);
        List<String> forged = new ArrayList<>(rewritePlain(lines.subList(0, 4), 1, false));
        forged.addAll(lines.subList(4, lines.size()));
        write(file, forged);
        Verification.Broken broken = log.verify().brokenAt().orElseThrow();
        assertThat(broken.line()).isEqualTo(5);
        assertThat(broken.reason()).contains("prevHash");
    }

    @Test
    void appendShouldCountLogAndReportAFailedWriteAndRecoverWhenTheDirectoryIsBackWhenItCannotWrite() throws IOException {
        FileAuditLog log = open(KEYED.withRotateBytes(1));
        AtomicInteger counted = new AtomicInteger();
        log.onWriteFailure(counted::incrementAndGet);
        appendMany(log, 2);
        Path moved = dir.resolveSibling(dir.getFileName() + "-moved");
        Files.move(dir, moved);
        Files.writeString(dir, "not a directory");

        assertThatThrownBy(() -> log.append(FileAuditLogTest.event(AuditEventType.HELD, 3))).isInstanceOf(AuditException.class);

        assertThat(log.failedWrites()).isEqualTo(1);
        assertThat(counted.get()).isEqualTo(1);
        assertThat(log.lastFailure()).isPresent();
        Files.delete(dir);
        Files.move(moved, dir);
        log.append(FileAuditLogTest.event(AuditEventType.HELD, 4));
        assertThat(log.lastFailure()).isEmpty();
        assertThat(log.failedWrites()).isEqualTo(1);
        assertThat(log.verify().isOk()).as(log.verify().toString()).isTrue();
    }
}
