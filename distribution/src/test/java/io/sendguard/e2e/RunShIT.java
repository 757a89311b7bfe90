package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.e2e.harness.Ports;
import io.sendguard.e2e.harness.SendguardConf;

/**
 * {@code ./run.sh} as the README documents it and an admin uses it: its help, James started from a copy of the
 * shipped conf and announced with the addresses of that conf, a second start on the same working directory or on
 * addresses already taken refused with a clear message (not announced as running), and SIGTERM stopping James
 * cleanly.
 */
class RunShIT {
    @TempDir
    Path work;

    private static Path repository() {
        return SendguardConf.shipped().getParent();
    }

    private Process runSh(Path output, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", repository().resolve("run.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_OPTS", "-Xmx768m -XX:+UseSerialGC");
        return builder.start();
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    private static String awaitOutput(Path output, Process process, String text, Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            String out = read(output);
            if (out.contains(text)) {
                return out;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run.sh did not print '" + text + "'; its output:\n" + read(output));
    }

    @Test
    void helpShouldPrintTheUsageOnly() throws Exception {
        Path output = work.resolve("help.txt");
        Process help = runSh(output, "--help");

        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(read(output)).startsWith("Starts a stock Apache James 3.8.1").contains("--conf DIR", "--work DIR", "--rebuild")
            .doesNotContain("set -euo").doesNotContain("HERE=");
    }

    @Test
    void runShShouldStartJamesAnnounceItsAddressesRefuseASecondStartAndStopCleanly() throws Exception {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free());
        Path workDir = work.resolve("work");
        Path output = work.resolve("run.txt");
        Process james = runSh(output, "--conf", conf.dir().toString(), "--work", workDir.toString());
        try {
            String announced = awaitOutput(output, james, "Press Ctrl-C to stop.", Duration.ofMinutes(3));
            assertThat(announced).contains("Sendguard is running",
                "127.0.0.1:" + conf.submissionPort, "127.0.0.1:" + conf.smtpPort, "127.0.0.1:" + conf.imapPort,
                "http://127.0.0.1:" + conf.webAdminPort, conf.webUrl());
            assertThat(Ports.isOpen(conf.submissionPort)).isTrue();
            assertThat(Ports.isOpen(conf.webPort)).isTrue();

            // the same working directory: refused at once, James untouched
            Path second = work.resolve("second.txt");
            Process again = runSh(second, "--conf", conf.dir().toString(), "--work", workDir.toString());
            assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue()).isEqualTo(2);
            assertThat(read(second)).contains("is in use by another run.sh").doesNotContain("Sendguard is running");

            // another working directory, the same addresses: refused, naming the address, not announced as running
            Path third = work.resolve("third.txt");
            Process taken = runSh(third, "--conf", conf.dir().toString(), "--work", work.resolve("work2").toString());
            assertThat(taken.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(taken.exitValue()).isEqualTo(2);
            assertThat(read(third)).contains("is already in use").doesNotContain("Sendguard is running");
            assertThat(Ports.isOpen(conf.submissionPort)).isTrue();
        } finally {
            james.destroy(); // SIGTERM, as Ctrl-C or a service manager would
        }
        assertThat(james.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String out = read(output);
        assertThat(out).contains("run.sh: James stopped.");
        assertThat(james.exitValue()).isZero();
        Matcher pid = Pattern.compile("pid (\\d+)\\)").matcher(out);
        assertThat(pid.find()).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Ports.isOpen(conf.submissionPort)).isFalse();
    }
}
