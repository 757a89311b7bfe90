package io.sendguard.inspection.bench;

import io.sendguard.inspection.keyword.AhoCorasick;
import io.sendguard.inspection.text.Normalizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * JMH-free benchmark: keyword scan throughput (Aho-Corasick vs. a regex alternation) and Tika time per MB.
 * How to run it and measured numbers: {@code inspection/BENCHMARK.md}.
 */
public final class KeywordBenchmark {
    private static final String KANJI = "社外秘極資料見積書契約顧客情報部門会議報告確認送付添付営業企画開発人事経理";
    private static final String KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん";

    private KeywordBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random(1);
        String raw = randomText(random, 8_000_000);
        long t0 = System.nanoTime();
        String text = Normalizer.normalize(raw).normalized();
        double normSec = (System.nanoTime() - t0) / 1e9;
        double mb = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
        System.out.printf("text: %,d chars, %.1f MB UTF-8; normalization %.1f MB/s%n", text.length(), mb, mb / normSec);
        for (int count : new int[] {10, 1_000, 10_000}) {
            List<String> keywords = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                keywords.add(randomWord(random, 3 + random.nextInt(6)));
            }
            long b0 = System.nanoTime();
            AhoCorasick ac = AhoCorasick.build(keywords);
            double buildMs = (System.nanoTime() - b0) / 1e6;
            long[] hits = {0};
            double best = Double.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                hits[0] = 0;
                long s0 = System.nanoTime();
                ac.scan(text, (p, end) -> {
                    hits[0]++;
                    return true;
                });
                best = Math.min(best, (System.nanoTime() - s0) / 1e9);
            }
            // regex alternation over a slice (it is much slower)
            StringBuilder alt = new StringBuilder();
            for (String k : keywords) {
                if (alt.length() > 0) {
                    alt.append('|');
                }
                alt.append(Pattern.quote(k));
            }
            Pattern pattern = Pattern.compile(alt.toString());
            String slice = text.substring(0, count >= 1000 ? 200_000 : 2_000_000);
            double sliceMb = slice.getBytes(StandardCharsets.UTF_8).length / 1e6;
            double regexBest = Double.MAX_VALUE;
            long regexHits = 0;
            for (int run = 0; run < 3; run++) {
                long r0 = System.nanoTime();
                Matcher m = pattern.matcher(slice);
                regexHits = 0;
                while (m.find()) {
                    regexHits++;
                }
                regexBest = Math.min(regexBest, (System.nanoTime() - r0) / 1e9);
            }
            System.out.printf("%,6d keywords: build %.1f ms, Aho-Corasick %.0f MB/s (%,d hits), regex alternation %.1f MB/s (%,d hits on %.1f MB)%n",
                count, buildMs, mb / best, hits[0], sliceMb / regexBest, regexHits, sliceMb);
        }
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
                doc.createParagraph().createRun().setText(randomText(random, 200));
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
                        row.createCell(c).setCellValue(randomText(random, 20));
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

    /** Mixed Japanese / ASCII business-like text. */
    static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                sb.append(KANA.charAt(random.nextInt(KANA.length())));
            } else if (kind < 7) {
                sb.append(KANJI.charAt(random.nextInt(KANJI.length())));
            } else if (kind < 9) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else {
                sb.append(random.nextInt(3) == 0 ? "。\n" : " ");
            }
        }
        return sb.toString();
    }

    private static String randomWord(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        boolean ascii = random.nextInt(4) == 0;
        for (int i = 0; i < length; i++) {
            if (ascii) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else {
                String pool = random.nextBoolean() ? KANJI : KANA;
                sb.append(pool.charAt(random.nextInt(pool.length())));
            }
        }
        return sb.toString();
    }
}
