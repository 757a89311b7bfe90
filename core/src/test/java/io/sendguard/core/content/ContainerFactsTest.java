package io.sendguard.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The archive and PDF fixtures under src/test/resources/fixtures/attachments were made once with the real
 * tools (Debian packages zip, p7zip-full, qpdf; commands in the README section "Attachment policy") and
 * committed, so this test needs none of them. Office fixtures are built here with POI.
 */
class ContainerFactsTest {
    private static AttachmentTypeDetector detector;

    @BeforeAll
    static void setUp() {
        detector = new AttachmentTypeDetector();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ContainerFactsTest.class.getResourceAsStream("/fixtures/attachments/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @CsvSource({"zipcrypto.zip, ZIP (ZipCrypto)", "aes.zip, ZIP (AES)", "headers.7z, 7z (encrypted headers)",
        "content.7z, 7z (AES)", "qpdf-aes256.pdf, PDF (password)"})
    void inspectShouldReportEncryptionWhenTheFixtureIsPasswordProtected(String name, String how) throws IOException {
        assertThat(detector.inspect(fixture(name), name).encryption()).contains(how);
    }

    @Test
    void inspectShouldReportNoEncryptionWhenTheArchiveIsPlain() throws IOException {
        assertThat(detector.inspect(fixture("plain.7z"), "plain.7z").encryption()).isEmpty();
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("a.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        ContainerFacts facts = detector.inspect(zip.toByteArray(), "a.zip");
        assertThat(facts.encryption()).isEmpty();
        assertThat(facts.macros()).isEmpty();
        assertThat(facts.diskImage()).isEmpty();
    }

    @Test
    void inspectShouldReportEncryptionWhenAnOoxmlDocumentHasAPassword() throws Exception {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.createSheet("s").createRow(0).createCell(0).setCellValue("x");
            wb.write(plain);
        }
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor enc = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            enc.confirmPassword("secret");
            try (OutputStream os = enc.getDataStream(fs)) {
                os.write(plain.toByteArray());
            }
            fs.writeFilesystem(encrypted);
        }

        assertThat(detector.inspect(encrypted.toByteArray(), "book.xlsx").encryption()).contains("Office (password, OOXML)");
    }

    @Test
    void inspectShouldReportMacrosWhenTheTypeIsMacroEnabled() throws IOException {
        ContainerFacts facts = detector.inspect(fixture("macro.xlsm"), "macro.xlsm");

        assertThat(facts.type().trueType()).isEqualTo("application/vnd.ms-excel.sheet.macroenabled.12");
        assertThat(facts.macros()).hasValueSatisfying(m -> assertThat(m).contains("macro"));
    }

    @Test
    void inspectShouldReportMacrosWhenALegacyWorkbookHasAVbaStorage() throws IOException {
        ByteArrayOutputStream book = new ByteArrayOutputStream();
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            wb.createSheet("s").createRow(0).createCell(0).setCellValue("x");
            wb.write(book);
        }
        ByteArrayOutputStream xls = new ByteArrayOutputStream();
        try (POIFSFileSystem fs = new POIFSFileSystem(new java.io.ByteArrayInputStream(book.toByteArray()))) {
            fs.getRoot().createDirectory("_VBA_PROJECT_CUR").createDirectory("VBA")
                .createDocument("dir", new java.io.ByteArrayInputStream(new byte[16]));
            fs.writeFilesystem(xls);
        }
        ContainerFacts facts = detector.inspect(xls.toByteArray(), "book.xls");

        assertThat(facts.macros()).contains("VBA storage _VBA_PROJECT_CUR");
        assertThat(facts.encryption()).isEmpty();
    }

    @Test
    void inspectShouldReportNoMacrosWhenALegacyWorkbookHasNone() throws IOException {
        ByteArrayOutputStream xls = new ByteArrayOutputStream();
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            wb.createSheet("s");
            wb.write(xls);
        }
        assertThat(detector.inspect(xls.toByteArray(), "book.xls").macros()).isEmpty();
    }

    @Test
    void inspectShouldReportDiskImagesBySignatureAndByName() throws IOException {
        byte[] iso = new byte[0x9000];
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, iso, 0x8001, 5);
        iso[0x8000] = 1;
        assertThat(detector.inspect(iso, "photos.dat").diskImage()).isPresent();

        byte[] vhd = new byte[1024];
        System.arraycopy("conectix".getBytes(StandardCharsets.US_ASCII), 0, vhd, 512, 8);
        assertThat(detector.inspect(vhd, "disk.bin").diskImage()).contains("VHD");

        assertThat(detector.inspect(new byte[100], "backup.img").diskImage()).contains("file name .img");
        assertThat(detector.inspect("hello".getBytes(StandardCharsets.US_ASCII), "notes.txt").diskImage()).isEmpty();
    }
}
