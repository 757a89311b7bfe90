package io.sendguard.benchmarks;

import io.sendguard.inspection.keyword.AhoCorasick;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keyword scan throughput on one thread, in MB of UTF-8 of the normalized text per second (the secondary result
 * {@code megabytes}, in "ops/s"): the Aho-Corasick automaton against a regex alternation of the same keywords
 * ({@code Pattern.quote(k1)|Pattern.quote(k2)|...}, run on a slice of the text because it is so slow), for 10,
 * 1,000 and 10,000 keywords, on an adversarial and on a mail-like text ({@link KeywordTexts}).
 * {@link NormalizeBenchmark} measures the normalization that comes first. Run with
 * {@code ./bench/keyword-scan.sh}; results in {@code inspection/BENCHMARK.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeywordScanBenchmark {
    /** Characters of generated text (about 9 MB of UTF-8). */
    static final int TEXT_CHARS = 4_000_000;

    @Param({"adversarial", "mail"})
    public String text;

    @Param({"10", "1000", "10000"})
    public int keywords;

    private String normalized;
    private double megabytes;
    private AhoCorasick automaton;
    private Pattern alternation;
    private String slice;
    private double sliceMegabytes;

    /** MB scanned, per second when JMH reports it. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        normalized = KeywordTexts.text(text, TEXT_CHARS);
        megabytes = normalized.getBytes(StandardCharsets.UTF_8).length / 1e6;
        List<String> list = KeywordTexts.keywords(text, keywords);
        automaton = AhoCorasick.build(list);
        StringBuilder alt = new StringBuilder();
        for (String k : list) {
            alt.append(alt.length() > 0 ? "|" : "").append(Pattern.quote(k));
        }
        alternation = Pattern.compile(alt.toString());
        slice = normalized.substring(0, keywords <= 10 ? 1_000_000 : keywords <= 1000 ? 100_000 : 20_000);
        sliceMegabytes = slice.getBytes(StandardCharsets.UTF_8).length / 1e6;
    }

    @Benchmark
    public long ahoCorasick(Throughput throughput) {
        long[] hits = {0};
        automaton.scan(normalized, (pattern, end) -> {
            hits[0]++;
            return true;
        });
        throughput.megabytes += megabytes;
        return hits[0];
    }

    @Benchmark
    public long regexAlternation(Throughput throughput) {
        Matcher m = alternation.matcher(slice);
        long hits = 0;
        while (m.find()) {
            hits++;
        }
        throughput.megabytes += sliceMegabytes;
        return hits;
    }

}
