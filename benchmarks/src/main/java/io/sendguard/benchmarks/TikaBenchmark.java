package io.sendguard.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;

/**
 * Time Apache Tika takes per file and per MB for generated PDF, DOCX and XLSX attachments (plain {@code main}: a
 * parse takes about a second). The keyword scan is measured by {@link KeywordScanBenchmark} (JMH).
 * How to run it and measured numbers: {@code inspection/BENCHMARK.md}.
 */
public final class TikaBenchmark {
    private TikaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        tika();
    }

    private static void tika() throws Exception {
        AutoDetectParser parser = new AutoDetectParser();
        byte[] pdf = pdf();
        byte[] docx = docx();
        byte[] xlsx = xlsx();
        for (int warm = 0; warm < 2; warm++) {
            parse(parser, pdf);
            parse(parser, docx);
            parse(parser, xlsx);
        }
        report("PDF", parser, pdf);
        report("DOCX", parser, docx);
        report("XLSX", parser, xlsx);
    }

    private static void report(String label, AutoDetectParser parser, byte[] doc) throws Exception {
        int runs = 5;
        long t0 = System.nanoTime();
        int chars = 0;
        for (int i = 0; i < runs; i++) {
            chars = parse(parser, doc);
        }
        double sec = (System.nanoTime() - t0) / 1e9 / runs;
        double mb = doc.length / 1e6;
        System.out.printf("Tika %s: %.2f MB file, %,d chars, %.0f ms per file, %.0f ms per MB%n",
            label, mb, chars, sec * 1000, sec * 1000 / mb);
    }

    private static int parse(AutoDetectParser parser, byte[] doc) throws Exception {
        BodyContentHandler handler = new BodyContentHandler(-1);
        parser.parse(new ByteArrayInputStream(doc), handler, new Metadata(), new ParseContext());
        return handler.toString().length();
    }

    private static byte[] pdf() throws Exception {
        Random random = new Random(2);
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < 200; p++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    cs.setLeading(12);
                    cs.newLineAtOffset(50, 750);
                    for (int line = 0; line < 55; line++) {
                        cs.showText(asciiLine(random, 90));
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] docx() throws Exception {
        Random random = new Random(3);
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < 5_000; p++) {
                doc.createParagraph().createRun().setText(KeywordTexts.adversarialText(random, 200));
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] xlsx() throws Exception {
        Random random = new Random(4);
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("data");
            for (int r = 0; r < 20_000; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < 5; c++) {
                    if (c % 2 == 0) {
                        row.createCell(c).setCellValue(KeywordTexts.adversarialText(random, 20));
                    } else {
                        row.createCell(c).setCellValue(random.nextInt(100_000));
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static String asciiLine(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(6) == 0 ? ' ' : (char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}
