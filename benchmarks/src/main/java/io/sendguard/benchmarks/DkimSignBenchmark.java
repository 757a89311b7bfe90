package io.sendguard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.DkimSigner;
import io.sendguard.dkim.DkimSigningKey;
import io.sendguard.dkim.SignatureOptions;
import io.sendguard.dkim.keys.DkimKeyGenerator;
import io.sendguard.dkim.keys.DkimKeyLoader;

/** DKIM signatures per second on one thread (a 2 KB mail), per algorithm and key size. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class DkimSignBenchmark {
    @Param({"rsa-2048", "rsa-4096", "ed25519"})
    public String key;

    private DkimSigner signer;
    private DkimSigningKey signingKey;
    private byte[] message;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("dkim-bench");
        DkimAlgorithm algorithm = key.startsWith("rsa") ? DkimAlgorithm.RSA_SHA256 : DkimAlgorithm.ED25519_SHA256;
        int bits = key.equals("rsa-4096") ? 4096 : 2048;
        Path file = new DkimKeyGenerator().generate("example.com", "s1", algorithm, bits, dir).keyFile();
        signingKey = DkimSigningKey.of("example.com", "s1", DkimKeyLoader.load(file, algorithm));
        signer = new DkimSigner(SignatureOptions.defaults(), Clock.systemUTC());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            body.append("This is line ").append(i).append(" of an ordinary business mail body.\r\n");
        }
        message = ("From: Alice <alice@example.com>\r\nTo: bob@partner.example\r\nSubject: quote\r\n"
            + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@example.com>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public String sign() throws Exception {
        return signer.sign(message, signingKey);
    }
}
