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
}
