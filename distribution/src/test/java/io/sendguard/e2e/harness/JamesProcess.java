package io.sendguard.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real James 3.8.1 memory server started the way run.sh starts it: {@code java -cp 'lib/*'
 * io.sendguard.server.DurableJamesServerMain} (the memory server with a durable spool and outgoing queue
 * and file mail repositories) in a working directory holding {@code conf/}, {@code extensions-jars/}
 * (with the drop-in jar built by this project) and {@code var/}. Of Sendguard only that main class is on
 * its classpath: the rest comes from the drop-in jar.
 */
public final class JamesProcess implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** The main class run.sh starts too. */
    public static final String MAIN_CLASS = "io.sendguard.server.DurableJamesServerMain";

    private final Path workDir;
    private final SendguardConf conf;
    private Process process;

    private JamesProcess(Path workDir, SendguardConf conf) {
        this.workDir = workDir;
        this.conf = conf;
    }

    /** The James layout built by this module: target/james/{lib,extensions-jars}. */
    public static Path jamesHome() {
        return Paths.get(System.getProperty("sendguard.james.home", "target/james")).toAbsolutePath().normalize();
    }

    public static Path dropInJar() {
        return jamesHome().resolve("extensions-jars").resolve("sendguard-extension.jar");
    }

    /** Lays out a working directory around the given configuration (which must be {@code workDir/conf}). */
    public static JamesProcess in(Path workDir, SendguardConf conf) {
        try {
            if (!conf.dir().equals(workDir.resolve("conf"))) {
                throw new IllegalArgumentException("conf must live in workDir/conf");
            }
            Files.createDirectories(workDir.resolve("extensions-jars"));
            Files.createDirectories(workDir.resolve("var"));
            Files.copy(dropInJar(), workDir.resolve("extensions-jars").resolve("sendguard-extension.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new JamesProcess(workDir, conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SendguardConf conf() {
        return conf;
    }

    public Path workDir() {
        return workDir;
    }

    public Path log() {
        return workDir.resolve("james-console.log");
    }

    /** Starts James and waits until SMTP, submission, IMAP and WebAdmin accept connections. */
    public JamesProcess start() {
        launch();
        try {
            awaitStarted();
            return this;
        } catch (RuntimeException e) {
            // a James that did not come up must not stay behind (holding ports and CPU for the next tests)
            stop();
            throw e;
        }
    }

    private void awaitStarted() {
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(250))
                .until(() -> !process.isAlive() || allListening());
        } catch (RuntimeException e) {
            throw new IllegalStateException("James did not start within " + STARTUP + "; log tail:\n" + logTail(60), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("James exited with " + process.exitValue() + "; log tail:\n" + logTail(60));
        }
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(250))
                .until(() -> logText().contains("JAMES server started"));
        } catch (RuntimeException e) {
            throw new IllegalStateException("James listened but did not report \"JAMES server started\" within "
                + STARTUP + "; log tail:\n" + logTail(60), e);
        }
    }

    /**
     * Starts James expecting it to fail. Returns its log once it has either exited or reported a fatal
     * start error; the process is stopped.
     */
    public String startExpectingFailure() {
        launch();
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(250))
                .until(() -> !process.isAlive() || logText().contains("Fatal error while starting James")
                    || allListening());
            return logText();
        } finally {
            stop();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public boolean allListening() {
        return Ports.isOpen(conf.smtpPort) && Ports.isOpen(conf.submissionPort)
            && Ports.isOpen(conf.imapPort) && Ports.isOpen(conf.webAdminPort)
            // Sendguard's web listener, when this conf starts it (not in the benchmark's stock James)
            && (!conf.read("extensions.properties").contains("SendguardWebStartable") || Ports.isOpen(conf.webPort));
    }

    /** The operating-system process id of the running James (for CPU accounting in benchmarks). */
    public long pid() {
        return process.pid();
    }

    private void launch() {
        if (isAlive()) {
            throw new IllegalStateException("already running");
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        // benchmarks: James on its own CPUs (taskset list, e.g. "1"), away from the load generator and the sink
        String cpus = System.getProperty("sendguard.james.cpus", "").trim();
        if (!cpus.isEmpty()) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(java, "-Xmx768m", "-XX:+UseSerialGC"));
        // extra JVM options for profiling a benchmark run, e.g. -XX:StartFlightRecording=...
        String extra = System.getProperty("sendguard.james.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(
            "-Dworking.directory=" + workDir,
            "-Dlogback.configurationFile=" + workDir.resolve("conf").resolve("logback.xml"),
            "-cp", jamesHome().resolve("lib") + File.separator + "*",
            MAIN_CLASS));
        try {
            process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops James as Ctrl-C / SIGTERM would, and waits for it. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills James like {@code kill -9}: no shutdown hook runs. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    public String logTail(int lines) {
        String[] all = logText().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }

    @Override
    public void close() {
        stop();
    }
}
