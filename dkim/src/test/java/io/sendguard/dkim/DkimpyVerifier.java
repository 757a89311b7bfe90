package io.sendguard.dkim;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the independent verifier src/test/resources/verify_dkim.py (Debian python3-dkim, dkimpy)
 * under /usr/bin/python3. Fails (never skips) when python3 or the dkim module is missing.
 */
public final class DkimpyVerifier {
    private static final String PYTHON = "/usr/bin/python3";

    private DkimpyVerifier() {
    }

    /** Outcome of one verification run. */
    public static final class Result {
        private final int exitCode;
        private final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        /** @return whether every signature verified */
        public boolean allPass() {
            return exitCode == 0;
        }

        /** @return the verifier's output */
        public String output() {
            return output;
        }

        /** @return the exit code */
        public int exitCode() {
            return exitCode;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ": " + output;
        }
    }

    /**
     * @param message    the signed message
     * @param dnsRecords DNS records, one per line ("name value" or zone-file style)
     * @param workDir    a scratch directory
     * @return the result
     */
    public static Result verify(byte[] message, String dnsRecords, Path workDir) throws IOException, InterruptedException {
        Path msg = Files.createTempFile(workDir, "msg", ".eml");
        Files.write(msg, message);
        Path dns = Files.createTempFile(workDir, "dns", ".txt");
        Files.writeString(dns, dnsRecords, StandardCharsets.US_ASCII);
        return run(msg, dns, workDir);
    }

    /** Runs the verifier on existing files. */
    public static Result run(Path messageFile, Path dnsFile, Path workDir) throws IOException, InterruptedException {
        if (!Files.isExecutable(Paths.get(PYTHON))) {
            fail(PYTHON + " not found: install python3 and python3-dkim (apt-get install -y python3-dkim)");
        }
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-I", script().toString(), messageFile.toString(), dnsFile.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("verify_dkim.py timed out");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() == 4 || output.contains("DKIMPY_MISSING")) {
            fail("/usr/bin/python3 cannot import the dkim module: install python3-dkim "
                    + "(apt-get update && apt-get install -y python3-dkim). Output: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static Path script() {
        java.net.URL url = DkimpyVerifier.class.getResource("/verify_dkim.py");
        if (url == null) {
            throw new IllegalStateException("verify_dkim.py not on the test classpath");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Paths.get(url.toURI());
            }
            // inside a test-jar (used by the end-to-end tests): copy it out once
            Path copy = Files.createTempFile("verify_dkim", ".py");
            copy.toFile().deleteOnExit();
            try (java.io.InputStream in = url.openStream()) {
                Files.write(copy, in.readAllBytes());
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read verify_dkim.py from " + url, e);
        }
    }
}
