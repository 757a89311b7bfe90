package io.sendguard.inspection.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The bounds that keep one hostile mail from stopping or exhausting the server (issue #18, items 1 and 4). */
class MailTextExtractorLimitsTest {

    private static ExtractionResult extract(ExtractionLimits limits, byte[] mail) {
        try (MailTextExtractor extractor = new MailTextExtractor(limits)) {
            return extractor.extract(mail);
        }
    }

    /** Runs on a thread with a small stack, where a recursion over a few thousand levels overflows. */
    private static <T> T onSmallStack(java.util.function.Supplier<T> body) throws Exception {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                out.set(body.get());
            } catch (Throwable t) {
                out.set(t);
            }
        }, "small-stack", 128 * 1024);
        thread.start();
        thread.join();
        if (out.get() instanceof Throwable) {
            throw new AssertionError("walk failed", (Throwable) out.get());
        }
        @SuppressWarnings("unchecked")
        T result = (T) out.get();
        return result;
    }

    @Test
    void extractShouldReportALimitWhenMultipartsAreNestedDeeperThanTheLimit() {
        ExtractionResult result = extract(ExtractionLimits.defaults(), Fixtures.nestedMultiparts(10_000, "社外秘"));

        assertThat(result.problems()).hasSize(1);
        ExtractionProblem problem = result.problems().get(0);
        assertThat(problem.kind()).isEqualTo(ExtractionProblem.Kind.LIMIT);
        assertThat(problem.message()).isEqualTo("MIME structure nested deeper than 30 levels; the parts inside were not inspected");
        assertThat(problem.toFinding().ruleId()).isEqualTo("inspection.limit");
        assertThat(problem.toFinding().category()).isEqualTo("uninspectable");
    }

    @Test
    void extractShouldReadTheInnermostPartWhenTheNestingIsWithinTheLimit() {
        ExtractionLimits limits = ExtractionLimits.builder().maxMimeDepth(30).build();

        ExtractionResult result = extract(limits, Fixtures.nestedMultiparts(30, "社外秘の本文"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.segment("body:text/plain").get().text()).isEqualTo("社外秘の本文");
    }

    @Test
    void extractShouldWalkThousandsOfLevelsWithoutRecursion() throws Exception {
        ExtractionLimits limits = ExtractionLimits.builder().maxMimeDepth(100_000).build();
        byte[] mail = Fixtures.nestedMultiparts(1_500, "社外秘の本文");

        ExtractionResult result = onSmallStack(() -> extract(limits, mail));

        assertThat(result.problems()).isEmpty();
        assertThat(result.segment("body:text/plain").get().text()).isEqualTo("社外秘の本文");
    }

    @Test
    void extractShouldReadALongBodyUpToTheLimitAndSaySo() {
        String head = "社外秘 " + "a".repeat(2000);
        String tail = " 極秘";
        byte[] mail = new Fixtures.RawMail()
            .body("text/plain; charset=UTF-8", (head + "b".repeat(10_000) + tail).getBytes(StandardCharsets.UTF_8))
            .build();
        ExtractionLimits limits = ExtractionLimits.builder().maxBodyBytes(4096).build();

        ExtractionResult result = extract(limits, mail);

        String text = result.segment("body:text/plain").get().text();
        assertThat(text).startsWith("社外秘 ").doesNotContain("極秘");
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(result.problems()).containsExactly(ExtractionProblem.of("body:text/plain", ExtractionProblem.Kind.LIMIT,
            "body larger than 4096 bytes; only the first 4096 bytes were inspected"));
    }

    @Test
    void extractShouldStopParsingHtmlAtTheDeadline() {
        String html = "<html><body>" + "<div><p>社外秘 text</p></div>".repeat(100_000) + "</body></html>";
        byte[] mail = new Fixtures.RawMail().body("text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8)).build();
        ExtractionLimits limits = ExtractionLimits.builder().maxTimePerMail(Duration.ofMillis(1)).maxBodyBytes(50_000_000).build();

        ExtractionResult result = extract(limits, mail);

        assertThat(result.problems()).containsExactly(ExtractionProblem.of("body:text/html", ExtractionProblem.Kind.TIMEOUT,
            "time limit for the mail reached while reading the HTML"));
        assertThat(result.segment("body:text/html")).isEmpty();
    }

    @Test
    void extractShouldLetMailsWaitForTheirTurnInsteadOfFailing() throws Exception {
        ExtractionLimits limits = ExtractionLimits.builder().maxConcurrentMails(1).build();
        byte[] mail = new Fixtures.RawMail().body("text/html; charset=UTF-8",
            ("<p>" + "社外秘 ".repeat(200_000) + "</p>").getBytes(StandardCharsets.UTF_8)).build();
        try (MailTextExtractor extractor = new MailTextExtractor(limits)) {
            CompletableFuture<ExtractionResult> first = CompletableFuture.supplyAsync(() -> extractor.extract(mail));
            CompletableFuture<ExtractionResult> second = CompletableFuture.supplyAsync(() -> extractor.extract(mail));

            assertThat(first.get().problems()).isEmpty();
            assertThat(second.get().problems()).isEmpty();
            assertThat(second.get().segments()).isEqualTo(first.get().segments());
        }
    }

    @Test
    void extractShouldStopAtMaxArchiveDepthForArchivesInsideArchives() throws Exception {
        byte[] archive = "社外秘".getBytes(StandardCharsets.UTF_8);
        String name = "secret.txt";
        for (int level = 1; level <= 8; level++) {
            archive = Fixtures.zip(Fixtures.entries(name, archive));
            name = "level" + level + ".zip";
        }
        byte[] mail = new Fixtures.RawMail().attachment("application/zip", "filename=\"" + name + "\"", archive).build();

        ExtractionResult result = extract(ExtractionLimits.defaults(), mail);

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ExtractionProblem.Kind.LIMIT);
            assertThat(p.message()).isEqualTo("nested deeper than 5 levels; not inspected");
        });
        assertThat(result.segments()).noneMatch(s -> s.text().contains("社外秘"));
    }

    @Test
    void extractShouldStopAtMaxArchiveDepthForAttachedMailsInsideAttachedMails() {
        String mail = "Subject: 社外秘 level 0\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n社外秘\r\n";
        for (int level = 1; level <= 8; level++) {
            mail = "Subject: level " + level + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=m" + level
                + "\r\n\r\n--m" + level + "\r\nContent-Type: message/rfc822\r\n\r\n" + mail + "\r\n--m" + level + "--\r\n";
        }

        ExtractionResult result = extract(ExtractionLimits.defaults(), mail.getBytes(StandardCharsets.UTF_8));

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ExtractionProblem.Kind.LIMIT);
            assertThat(p.message()).isEqualTo("attached mail nested deeper than 5 levels");
        });
        // the outer mail is level 8; five attached mails deep is level 3, the sixth is not opened
        assertThat(result.segments()).extracting(TextSegment::text).contains("level 8", "level 3").doesNotContain("level 2");
        assertThat(result.segments()).noneMatch(s -> s.text().contains("社外秘"));
    }
}
