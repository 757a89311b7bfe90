package io.sendguard.inspection.personal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.sendguard.inspection.extract.TextSegment;

/**
 * MB/s of the personal-data detectors on 10 MB (UTF-8) of mixed text: the ordinary and personal-data mails
 * of {@link PersonalDataCorpus} (Japanese and English business text, CSV lists), cut into 100 kB segments.
 * Plain main, no JMH; best of 5 runs after 2 warm-up runs, one thread. Command in inspection/PERSONAL_DATA.md.
 */
public final class PersonalDataBenchmark {
    private PersonalDataBenchmark() {
    }

    public static void main(String[] args) {
        int targetBytes = 10 * 1024 * 1024;
        PersonalDataCorpus corpus = new PersonalDataCorpus(42L);
        StringBuilder all = new StringBuilder();
        long bytes = 0;
        while (bytes < targetBytes) {
            List<PersonalDataCorpus.LabelledMail> mails = new ArrayList<>(corpus.ordinary(70));
            mails.addAll(corpus.personal(6));
            for (PersonalDataCorpus.LabelledMail mail : mails) {
                for (TextSegment s : mail.segments) {
                    all.append(s.text()).append('\n');
                    bytes += s.text().getBytes(StandardCharsets.UTF_8).length + 1;
                }
            }
        }
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < all.length(); i += 100_000) {
            segments.add(TextSegment.of("attachment:part" + i, all.substring(i, Math.min(all.length(), i + 100_000))));
        }
        double mb = bytes / 1e6;
        System.out.printf("text: %.1f MB UTF-8, %d chars, %d segments%n", mb, all.length(), segments.size());

        PersonalDataScanner scanner = new PersonalDataScanner(PersonalDataPolicy.defaults());
        report("all detectors + policy", mb, () -> scanner.scan(segments).size());
        report("number tokens only", mb, () -> {
            int n = 0;
            for (TextSegment s : segments) {
                n += NumberToken.find(s.text()).size();
            }
            return n;
        });
        for (PersonalDataDetector detector : List.of(new MyNumberDetector(), new CorporateNumberDetector(), new CardNumberDetector(),
            new PhoneNumberDetector(), new PostalAddressDetector(), new EmailListDetector(20), new BankAccountDetector())) {
            report(detector.kind().id() + " (incl. tokens)", mb, () -> {
                List<PersonalDataMatch> out = new ArrayList<>();
                for (TextSegment s : segments) {
                    detector.detect(new SegmentText(s.location(), s.text(), 30), out);
                }
                return out.size();
            });
        }
    }

    private static void report(String what, double mb, java.util.function.IntSupplier run) {
        for (int i = 0; i < 2; i++) {
            run.getAsInt();
        }
        long best = Long.MAX_VALUE;
        int result = 0;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            result = run.getAsInt();
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("%-34s %8.1f MB/s  (%d ms, %d results)%n", what, mb / (best / 1e9), best / 1_000_000, result);
    }
}
