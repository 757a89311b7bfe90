package io.sendguard.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A small SMTP server on loopback standing in for the next hop (the smart host). It accepts every
 * mail and records the envelope and the exact bytes received. It can be told not to advertise
 * 8BITMIME, so that the sender must send 7-bit.
 */
public final class SmtpSink implements AutoCloseable {
    /** One mail as the next hop received it. */
    public static final class Received {
        public final String mailFrom;
        public final List<String> recipients;
        public final byte[] raw;
        public final java.time.Instant receivedAt = java.time.Instant.now();

        Received(String mailFrom, List<String> recipients, byte[] raw) {
            this.mailFrom = mailFrom;
            this.recipients = List.copyOf(recipients);
            this.raw = raw;
        }

        public String text() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "from <" + mailFrom + "> to " + recipients + ", " + raw.length + " bytes";
        }
    }

    private final ServerSocket server;
    private final boolean advertise8BitMime;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private SmtpSink(boolean advertise8BitMime) throws IOException {
        this(advertise8BitMime, 0);
    }

    private SmtpSink(boolean advertise8BitMime, int port) throws IOException {
        this.advertise8BitMime = advertise8BitMime;
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        executor.submit(this::acceptLoop);
    }

    /** A sink on a given port (e.g. the next hop coming back where James expects it). */
    public static SmtpSink startOn(int port) throws IOException {
        return new SmtpSink(true, port);
    }

    public static SmtpSink start() throws IOException {
        return new SmtpSink(true);
    }

    public static SmtpSink startWithout8BitMime() throws IOException {
        return new SmtpSink(false);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    /** Waits until a mail matching the predicate arrives, and returns it. */
    public Received awaitMail(Predicate<Received> predicate, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100))
            .until(() -> received.stream().anyMatch(predicate));
        return received.stream().filter(predicate).findFirst().orElseThrow();
    }

    public Received awaitMailTo(String recipient) {
        return awaitMail(r -> r.recipients.contains(recipient), Duration.ofSeconds(60));
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream rawIn = new BufferedInputStream(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink.test ESMTP sink");
            String mailFrom = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = readLine(rawIn)) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, advertise8BitMime
                        ? "250-sink.test\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SIZE 104857600"
                        : "250-sink.test\r\n250-PIPELINING\r\n250 SIZE 104857600");
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 sink.test");
                } else if (upper.startsWith("MAIL FROM:")) {
                    mailFrom = address(line.substring(10));
                    recipients.clear();
                    reply(out, "250 2.1.0 ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    recipients.add(address(line.substring(8)));
                    reply(out, "250 2.1.5 ok");
                } else if (upper.equals("DATA")) {
                    reply(out, "354 go ahead");
                    byte[] data = readData(rawIn);
                    received.add(new Received(mailFrom, recipients, data));
                    reply(out, "250 2.0.0 queued");
                } else if (upper.equals("RSET")) {
                    mailFrom = null;
                    recipients.clear();
                    reply(out, "250 ok");
                } else if (upper.equals("NOOP")) {
                    reply(out, "250 ok");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 command not implemented");
                }
            }
        } catch (SocketException e) {
            // client went away
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static String address(String argument) {
        String trimmed = argument.trim();
        int start = trimmed.indexOf('<');
        int end = trimmed.indexOf('>');
        if (start >= 0 && end > start) {
            return trimmed.substring(start + 1, end);
        }
        return trimmed.split(" ")[0];
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return null;
    }

    /** Reads DATA up to CRLF.CRLF, undoing dot-stuffing, keeping every byte and CRLF as sent. */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                line.reset();
                if (bytes.length == 3 && bytes[0] == '.' && bytes[1] == '\r') {
                    return data.toByteArray();
                }
                int offset = bytes.length > 1 && bytes[0] == '.' ? 1 : 0;
                data.write(bytes, offset, bytes.length - offset);
            }
        }
        throw new IOException("connection closed during DATA");
    }

    @Override
    public void close() throws IOException {
        server.close();
        executor.shutdownNow();
    }
}
