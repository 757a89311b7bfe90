package io.sendguard.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The RAR header reader on archives built byte by byte from the published format ({@link RarTestArchives}: no
 * tool here creates RAR files), and on everything a hostile or broken file can do to it.
 */
class RarProbeTest {
    private static final byte[] DOC = "見積書 2026\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void probeShouldReportNothingWhenRar4EntriesAreInClear() {
        RarProbe.Result result = RarProbe.probe(RarTestArchives.rar4("quote.txt", DOC, false));

        assertThat(result.encryption()).isEmpty();
        assertThat(result.problem()).isEmpty();
    }

    @Test
    void probeShouldReportEncryptedFilesWhenARar4EntryHasThePasswordFlag() {
        RarProbe.Result result = RarProbe.probe(RarTestArchives.rar4("quote.txt", DOC, true));

        assertThat(result.encryption()).contains("RAR 4 (encrypted files: 1)");
        assertThat(result.problem()).isEmpty();
    }

    @Test
    void probeShouldCountEveryEncryptedRar4Entry() {
        byte[] data = RarTestArchives.random(16);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarProbe.RAR4_SIGNATURE);
        out.writeBytes(RarTestArchives.rar4Block(0x73, 0, new byte[6]));
        out.writeBytes(RarTestArchives.rar4FileHeader("a.txt", DOC, data.length, true));
        out.writeBytes(data);
        out.writeBytes(RarTestArchives.rar4FileHeader("b.txt", DOC, DOC.length, false));
        out.writeBytes(DOC);
        out.writeBytes(RarTestArchives.rar4FileHeader("c.txt", DOC, data.length, true));
        out.writeBytes(data);
        out.writeBytes(RarTestArchives.rar4Block(0x7B, 0x4000, new byte[0]));

        assertThat(RarProbe.probe(out.toByteArray()).encryption()).contains("RAR 4 (encrypted files: 2)");
    }

    @Test
    void probeShouldReportEncryptedHeadersWhenTheRar4ArchiveHeaderHasFlag0080() {
        RarProbe.Result result = RarProbe.probe(RarTestArchives.rar4EncryptedHeaders());

        assertThat(result.encryption()).contains("RAR 4 (encrypted headers)");
    }

    @Test
    void probeShouldReportNothingWhenRar5EntriesAreInClear() {
        RarProbe.Result result = RarProbe.probe(RarTestArchives.rar5("quote.txt", DOC, false));

        assertThat(result.encryption()).isEmpty();
        assertThat(result.problem()).isEmpty();
    }

    @Test
    void probeShouldReportEncryptedFilesWhenARar5FileHeaderHasAnEncryptionRecord() {
        RarProbe.Result result = RarProbe.probe(RarTestArchives.rar5("見積書.txt", DOC, true));

        assertThat(result.encryption()).contains("RAR 5 (encrypted files: 1)");
        assertThat(result.problem()).isEmpty();
    }

    @Test
    void probeShouldReportEncryptedHeadersWhenARar5ArchiveEncryptionHeaderComesFirst() {
        RarProbe.Result result = RarProbe.probe(RarTestArchives.rar5EncryptedHeaders());

        assertThat(result.encryption()).contains("RAR 5 (encrypted headers)");
    }

    @Test
    void probeShouldReportAProblemForEveryTruncationOfAnArchiveAndNeverThrow() {
        for (byte[] archive : new byte[][] {RarTestArchives.rar4("q.txt", DOC, true), RarTestArchives.rar5("q.txt", DOC, true),
            RarTestArchives.rar4("q.txt", DOC, false), RarTestArchives.rar5("q.txt", DOC, false)}) {
            int signature = archive[6] == 0 ? 7 : 8;
            for (int length = signature; length < archive.length; length++) {
                RarProbe.Result result = RarProbe.probe(Arrays.copyOf(archive, length));

                assertThat(result.problem()).as("cut at %d of %d", length, archive.length).isPresent();
                assertThat(result.encryption()).as("cut at %d", length).isEmpty();
            }
        }
    }

    @Test
    void probeShouldReportABadCrcWhenAHeaderByteIsChanged() {
        byte[] rar5 = RarTestArchives.rar5("quote.txt", DOC, true);
        byte[] rar4 = RarTestArchives.rar4("quote.txt", DOC, true);
        rar5[8 + 6] ^= 0x01; // inside the main header
        rar4[7 + 13 + 20] ^= 0x01; // inside the file header (FTIME)

        assertThat(RarProbe.probe(rar5).problem()).hasValueSatisfying(p -> assertThat(p).contains("bad CRC"));
        assertThat(RarProbe.probe(rar4).problem()).hasValueSatisfying(p -> assertThat(p).contains("bad CRC"));
    }

    @Test
    void probeShouldReportAProblemWhenARar5DataSizeIsHuge() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RarTestArchives.vint(body, 2); // file header
        RarTestArchives.vint(body, 0x0002); // data area
        RarTestArchives.vint(body, Long.MAX_VALUE); // data size
        RarTestArchives.vint(body, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarProbe.RAR5_SIGNATURE);
        out.writeBytes(RarTestArchives.rar5MainHeader());
        out.writeBytes(RarTestArchives.rar5Header(body.toByteArray()));
        out.writeBytes(RarTestArchives.rar5EndHeader());

        assertThat(RarProbe.probe(out.toByteArray()).problem())
            .hasValueSatisfying(p -> assertThat(p).contains("runs past the end"));
    }

    @Test
    void probeShouldReportAProblemWhenAVintIsLongerThanTenBytes() {
        byte[] b = new byte[8 + 4 + 12];
        System.arraycopy(RarProbe.RAR5_SIGNATURE, 0, b, 0, 8);
        Arrays.fill(b, 12, b.length, (byte) 0xFF);

        assertThat(RarProbe.probe(b).problem()).isPresent();
    }

    @Test
    void probeShouldReportAProblemWhenARar4LargeFileDeclaresFourGigabytes() {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        RarTestArchives.le32(f, 0xFFFF_FFFFL); // PACK_SIZE
        RarTestArchives.le32(f, 0); // UNP_SIZE
        f.write(2);
        RarTestArchives.le32(f, 0);
        RarTestArchives.le32(f, 0);
        f.write(29);
        f.write(0x30);
        RarTestArchives.le16(f, 1);
        RarTestArchives.le32(f, 0x20);
        RarTestArchives.le32(f, 0x7FFF_FFFFL); // HIGH_PACK_SIZE
        RarTestArchives.le32(f, 0); // HIGH_UNP_SIZE
        f.write('x');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarProbe.RAR4_SIGNATURE);
        out.writeBytes(RarTestArchives.rar4Block(0x73, 0, new byte[6]));
        out.writeBytes(RarTestArchives.rar4Block(0x74, 0x8000 | 0x0100, f.toByteArray()));

        assertThat(RarProbe.probe(out.toByteArray()).problem())
            .hasValueSatisfying(p -> assertThat(p).contains("runs past the end"));
    }

    @Test
    void probeShouldReportAProblemWhenNoArchiveHeaderFollowsTheSignature() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarProbe.RAR4_SIGNATURE);
        out.writeBytes(RarTestArchives.rar4Block(0x7B, 0x4000, new byte[0]));

        assertThat(RarProbe.probe(out.toByteArray()).problem()).hasValueSatisfying(p -> assertThat(p).contains("archive header"));
    }

    @Test
    void probeShouldStopAfterTheBlockLimitWhenAnArchiveIsAnEndlessRunOfEmptyBlocks() {
        byte[] empty = RarTestArchives.rar4Block(0x77, 0, new byte[0]); // 7-byte old-style subblock, no data
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarProbe.RAR4_SIGNATURE);
        out.writeBytes(RarTestArchives.rar4Block(0x73, 0, new byte[6]));
        for (int i = 0; i < RarProbe.MAX_BLOCKS + 10; i++) {
            out.writeBytes(empty);
        }

        assertThat(RarProbe.probe(out.toByteArray()).problem()).hasValueSatisfying(p -> assertThat(p).contains("blocks"));
    }

    @Test
    void probeShouldNeverThrowOnRandomBytesAfterEitherSignature() {
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] sig = i % 2 == 0 ? RarProbe.RAR4_SIGNATURE : RarProbe.RAR5_SIGNATURE;
            byte[] b = new byte[sig.length + random.nextInt(200)];
            random.nextBytes(b);
            System.arraycopy(sig, 0, b, 0, sig.length);

            RarProbe.Result result = RarProbe.probe(b);

            assertThat(result.problem().isPresent() || result.encryption().isPresent() || b.length == sig.length).isTrue();
        }
    }

    @Test
    void inspectShouldCarryRarEncryptionAndProblemsIntoContainerFacts() throws Exception {
        AttachmentTypeDetector detector = new AttachmentTypeDetector();
        byte[] truncated = RarTestArchives.rar5("q.txt", DOC, true);
        truncated = Arrays.copyOf(truncated, truncated.length - 20);

        assertThat(detector.inspect(RarTestArchives.rar5EncryptedHeaders(), "a.rar").encryption()).contains("RAR 5 (encrypted headers)");
        assertThat(detector.inspect(RarTestArchives.rar4("q.txt", DOC, true), "a.rar").encryption()).contains("RAR 4 (encrypted files: 1)");
        assertThat(detector.inspect(truncated, "a.rar").problem()).hasValueSatisfying(p -> assertThat(p).startsWith("RAR 5:"));
        assertThat(detector.inspect(RarTestArchives.rar5("q.txt", DOC, false), "a.rar").problem()).isEmpty();
    }
}
