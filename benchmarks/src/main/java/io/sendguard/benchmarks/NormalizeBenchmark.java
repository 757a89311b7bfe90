package io.sendguard.benchmarks;

import io.sendguard.inspection.text.NormalizedText;
import io.sendguard.inspection.text.Normalizer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
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
 * {@link Normalizer#normalize} on the raw texts of {@link KeywordScanBenchmark}, in MB of UTF-8 of the raw text
 * per second (the secondary result {@code megabytes}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NormalizeBenchmark {
    @Param({"adversarial", "mail"})
    public String text;

    private String raw;
    private double megabytes;

    @Setup(Level.Trial)
    public void setUp() {
        raw = KeywordTexts.rawText(text, KeywordScanBenchmark.TEXT_CHARS);
        megabytes = raw.getBytes(StandardCharsets.UTF_8).length / 1e6;
    }

    @Benchmark
    public NormalizedText normalize(KeywordScanBenchmark.Throughput throughput) {
        throughput.megabytes += megabytes;
        return Normalizer.normalize(raw);
    }
}
