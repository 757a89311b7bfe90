package io.sendguard.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttachmentTypeDetectorTest {
    private static AttachmentTypeDetector detector;

    @BeforeAll
    static void setUp() {
        detector = new AttachmentTypeDetector();
    }

    /** The smallest bytes Tika recognises as a Windows PE executable: an MZ header pointing at "PE\0\0". */
    static byte[] windowsExecutable() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        exe[0x84] = 0x4c; // machine i386
        exe[0x85] = 0x01;
        return exe;
    }

    @Test
    void detectShouldFlagMismatchWhenExecutableIsNamedPdf() throws IOException {
        DetectedType type = detector.detect(new ByteArrayInputStream(windowsExecutable()), "invoice.pdf");

        assertThat(type.mismatch()).isTrue();
        assertThat(type.nameType()).contains("application/pdf");
        assertThat(detector.isA(type.trueType(), "application/x-msdownload")
            || detector.isA(type.trueType(), "application/x-dosexec")).as(type.toString()).isTrue();
    }

    @Test
    void detectShouldNotFlagMismatchWhenPdfIsNamedPdf() throws IOException {
        byte[] pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        DetectedType type = detector.detect(new ByteArrayInputStream(pdf), "report.pdf");

        assertThat(type.trueType()).isEqualTo("application/pdf");
        assertThat(type.mismatch()).isFalse();
    }

    @Test
    void detectShouldRecogniseDocxByItsContainerWhenNameIsMissing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText("社外秘");
            doc.write(out);
        }

        DetectedType type = detector.detect(new ByteArrayInputStream(out.toByteArray()), null);

        assertThat(type.trueType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(type.nameType()).isEmpty();
        assertThat(type.mismatch()).isFalse();
    }

    @Test
    void detectShouldAcceptCsvNamedCsvAlthoughContentLooksLikePlainText() throws IOException {
        DetectedType type = detector.detect(new ByteArrayInputStream("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), "list.csv");

        assertThat(type.mismatch()).isFalse();
    }

    @Test
    void detectShouldLeaveTheCallersStreamOpen() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                throw new AssertionError("closed the caller's stream");
            }
        };

        detector.detect(in, "a.txt");
    }
}
