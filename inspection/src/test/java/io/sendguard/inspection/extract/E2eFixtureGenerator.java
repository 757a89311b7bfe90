package io.sendguard.inspection.extract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes the attachment files the end-to-end tests send through a real James
 * (distribution/src/test/resources/fixtures), built with the same code as this module's tests:
 * <pre>
 * mvn -B -q -f inspection/pom.xml test-compile
 * java -cp "inspection/target/test-classes:inspection/target/classes:$(mvn -q -f inspection/pom.xml dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *      io.sendguard.inspection.extract.E2eFixtureGenerator distribution/src/test/resources/fixtures
 * </pre>
 */
public final class E2eFixtureGenerator {
    private E2eFixtureGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args.length > 0 ? args[0] : "distribution/src/test/resources/fixtures");
        Files.createDirectories(dir);
        Files.write(dir.resolve("confidential.docx"), Fixtures.docx("この資料は社外秘です。取り扱いに注意してください。"));
        Files.write(dir.resolve("confidential.xlsx"), Fixtures.xlsx("顧客別売上 社外秘"));
        Files.write(dir.resolve("confidential.pdf"), Fixtures.pdf("Quarterly plan - STRICTLY CONFIDENTIAL - do not share", false));
        Files.write(dir.resolve("clean.docx"), Fixtures.docx("議事録です。次回は来週です。"));
        Files.write(dir.resolve("docx-inside.zip"), Fixtures.zip(Fixtures.entries(
            "資料/report.docx", Fixtures.docx("極秘: 新製品の計画"))));
        Files.write(dir.resolve("encrypted.zip"), Fixtures.encryptedZip("secret.txt", "password protected".getBytes("UTF-8")));
        Files.write(dir.resolve("encrypted.pdf"), Fixtures.pdf("locked", true));
        Files.write(dir.resolve("corrupt.pdf"), Fixtures.corruptPdf());
        Files.write(dir.resolve("bomb.zip"), Fixtures.zipBomb(200));
        System.out.println("fixtures written to " + dir.toAbsolutePath());
    }
}
