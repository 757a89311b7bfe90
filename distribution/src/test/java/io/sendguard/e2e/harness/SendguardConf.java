package io.sendguard.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * A copy of the shipped {@code conf/} rebound to free loopback ports and pointed at a given smart host,
 * the way an admin would adapt it. Each replacement must find the shipped value, so the tests notice
 * when the shipped configuration changes under them.
 */
public final class SendguardConf {
    public static final String SMTP_BIND = "127.0.0.1:2525";
    public static final String SUBMISSION_BIND = "127.0.0.1:2587";
    public static final String IMAP_BIND = "127.0.0.1:2143";
    public static final String WEBADMIN_PORT = "port=8000";
    public static final String WEB_PORT = "web.port=8025";
    public static final String GATEWAY = "<gateway>127.0.0.1:2526</gateway>";
    public static final String HOLD_DELAY = "<delay>2m</delay>";
    public static final String HOLD_LONG_DELAY = "<longDelay>5m</longDelay>";

    private final Path dir;
    public final int smtpPort = Ports.free();
    public final int submissionPort = Ports.free();
    public final int imapPort = Ports.free();
    public final int webAdminPort = Ports.free();
    /** Sendguard's own web listener (sign-in, my mail, approvals, the pages behind notice links). */
    public final int webPort = Ports.free();

    private SendguardConf(Path dir) {
        this.dir = dir;
    }

    /** The shipped configuration directory of this repository. */
    public static Path shipped() {
        return Paths.get(System.getProperty("sendguard.conf", "../conf")).toAbsolutePath().normalize();
    }

    /** Copies the shipped conf into {@code target}, rebinding every listener and the smart host. */
    public static SendguardConf copyOfShipped(Path target, int smartHostPort) {
        SendguardConf conf = new SendguardConf(target);
        conf.copyFrom(shipped());
        conf.replace("smtpserver.xml", SMTP_BIND, "127.0.0.1:" + conf.smtpPort);
        conf.replace("smtpserver.xml", SUBMISSION_BIND, "127.0.0.1:" + conf.submissionPort);
        conf.replace("imapserver.xml", IMAP_BIND, "127.0.0.1:" + conf.imapPort);
        conf.replace("webadmin.properties", WEBADMIN_PORT, "port=" + conf.webAdminPort);
        conf.replace("sendguard.properties", WEB_PORT, "web.port=" + conf.webPort);
        conf.replace("mailetcontainer.xml", GATEWAY, "<gateway>127.0.0.1:" + smartHostPort + "</gateway>");
        return conf;
    }

    /** Where a browser reaches Sendguard's web listener. */
    public String webUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    /**
     * Sets the send-hold delays of the catch-all Hold mailet (e.g. "0" to release at once): the normal
     * one and the longer one for mail with findings (first-time domains...) or many domains.
     */
    public SendguardConf withHoldDelay(String delay) {
        return replace("mailetcontainer.xml", HOLD_DELAY, "<delay>" + delay + "</delay>")
            .replace("mailetcontainer.xml", HOLD_LONG_DELAY, "<longDelay>" + delay + "</longDelay>");
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public String read(String name) {
        try {
            return Files.readString(file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SendguardConf write(String name, String content) {
        try {
            Files.writeString(file(name), content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text that must be present in the file. */
    public SendguardConf replace(String name, String shippedText, String replacement) {
        String content = read(name);
        if (!content.contains(shippedText)) {
            throw new IllegalStateException("conf/" + name + " no longer contains '" + shippedText + "'");
        }
        return write(name, content.replace(shippedText, replacement));
    }

    private void copyFrom(Path source) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path destination = dir.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(file, destination);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
