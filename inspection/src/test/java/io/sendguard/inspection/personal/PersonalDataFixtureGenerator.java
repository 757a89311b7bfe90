package io.sendguard.inspection.personal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the customer lists the end-to-end tests send (distribution/src/test/resources/fixtures):
 * {@code customers.csv} and {@code customers.xlsx}, 100 rows of name, e-mail address, mobile number and
 * postal address each. Invented data (example.com / example.jp addresses, fixed seed).
 * <pre>
 * mvn -B -q -o test-compile -pl inspection -am
 * mvn -B -q -o -f inspection/pom.xml dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp inspection/target/classes:inspection/target/test-classes:$(cat inspection/target/cp.txt) \
 *      io.sendguard.inspection.personal.PersonalDataFixtureGenerator distribution/src/test/resources/fixtures
 * </pre>
 */
public final class PersonalDataFixtureGenerator {
    private static final String[] FAMILY = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"};
    private static final String[] ROMAN = {"sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe", "yamamoto", "nakamura",
        "kobayashi", "kato"};

    private PersonalDataFixtureGenerator() {
    }

    static String[][] rows() {
        String[][] rows = new String[100][];
        for (int i = 0; i < 100; i++) {
            rows[i] = new String[] {FAMILY[i % 10] + " 様" + i, ROMAN[i % 10] + "." + (1000 + i) + "@example." + (i % 2 == 0 ? "com" : "jp"),
                String.format("090-%04d-%04d", 1000 + i * 7, 2000 + i * 13), String.format("〒%03d-%04d", 100 + i, 1000 + i),
                (i % 2 == 0 ? "東京都千代田区丸の内" : "大阪府大阪市北区梅田") + (i % 9 + 1) + "-" + (i % 5 + 1)};
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args.length > 0 ? args[0] : "distribution/src/test/resources/fixtures");
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("氏名,メールアドレス,携帯電話,郵便番号,住所\r\n");
        for (String[] row : rows()) {
            csv.append(String.join(",", row[0], row[1], row[2], row[3], row[4])).append("\r\n");
        }
        Files.write(dir.resolve("customers.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("顧客");
            String[] header = {"氏名", "メールアドレス", "携帯電話", "郵便番号", "住所"};
            Row first = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                first.createCell(c).setCellValue(header[c]);
            }
            String[][] rows = rows();
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
            Files.write(dir.resolve("customers.xlsx"), out.toByteArray());
        }
        System.out.println("customer lists written to " + dir.toAbsolutePath());
    }
}
