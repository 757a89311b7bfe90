package io.sendguard.e2e.harness;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

import javax.mail.Address;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/** Sends mail to James over real SMTP, with or without AUTH, as a mail client would. */
public final class Smtp {
    private final int port;

    public Smtp(int port) {
        this.port = port;
    }

    private Session session(boolean auth) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.auth", String.valueOf(auth));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        props.put("mail.smtp.localhost", "client.test");
        return Session.getInstance(props);
    }

    /** Parses raw RFC 5322 text (LF or CRLF) into a message for this session. */
    public MimeMessage parse(String raw) throws MessagingException {
        return new MimeMessage(session(false), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    public MimeMessage newMessage() {
        return new MimeMessage(session(false));
    }

    /** Authenticated submission: envelope sender = user, recipients as given. */
    public void sendAuthenticated(String user, String password, MimeMessage message, String... recipients)
        throws MessagingException {
        Session session = session(true);
        message.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", port, user, password);
            session.getProperties().put("mail.smtp.from", user);
            transport.sendMessage(message, addresses(recipients));
        }
    }

    /** Unauthenticated attempt, as a stranger on the network would make it. */
    public void sendAnonymously(String from, MimeMessage message, String... recipients) throws MessagingException {
        Session session = session(false);
        session.getProperties().put("mail.smtp.from", from);
        message.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, addresses(recipients));
        }
    }

    private static Address[] addresses(String... recipients) {
        return Arrays.stream(recipients).map(r -> {
            try {
                return new InternetAddress(r);
            } catch (MessagingException e) {
                throw new IllegalArgumentException(e);
            }
        }).toArray(Address[]::new);
    }

    /**
     * Authenticated submission of the exact bytes given (CRLF line ends), over a plain socket: nothing
     * re-encodes them on the way, as a script or an old client would send them. AUTH PLAIN.
     */
    public void sendRawAuthenticated(String user, String password, byte[] data, String... recipients)
        throws IOException {
        sendRawAuthenticatedAs(user, password, user, data, recipients);
    }

    /** {@link #sendRawAuthenticated} with another envelope sender: {@code ""} is the null sender {@code MAIL FROM:<>}. */
    public void sendRawAuthenticatedAs(String user, String password, String mailFrom, byte[] data, String... recipients)
        throws IOException {
        String reply = submitRawAs(user, password, mailFrom, data, recipients);
        if (!reply.startsWith("250")) {
            throw new IOException("expected 250, got: " + reply);
        }
    }

    /**
     * {@link #sendRawAuthenticated} that answers the server's reply to the end of DATA instead of failing on a
     * refusal: {@code 250 ...} accepted, {@code 552 ...} too large.
     */
    public String submitRaw(String user, String password, byte[] data, String... recipients) throws IOException {
        return submitRawAs(user, password, user, data, recipients);
    }

    private String submitRawAs(String user, String password, String mailFrom, byte[] data, String... recipients)
        throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO client.test", "250");
            String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            command(out, in, "AUTH PLAIN " + token, "235");
            command(out, in, "MAIL FROM:<" + mailFrom + ">", "250");
            for (String r : recipients) {
                command(out, in, "RCPT TO:<" + r + ">", "250");
            }
            command(out, in, "DATA", "354");
            ByteArrayOutputStream stuffed = new ByteArrayOutputStream();
            boolean lineStart = true;
            for (byte b : data) {
                if (lineStart && b == '.') {
                    stuffed.write('.');
                }
                stuffed.write(b);
                lineStart = b == '\n';
            }
            if (!lineStart) {
                stuffed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            stuffed.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(stuffed.toByteArray());
            out.flush();
            String reply = reply(in);
            command(out, in, "QUIT", "221");
            return reply;
        }
    }

    /** The last line of the next reply. */
    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed before the reply");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line = reply(in);
        if (!line.startsWith(code)) {
            throw new IOException("expected " + code + ", got: " + line);
        }
    }

    public static MimeMessage text(MimeMessage message, String from, String to, String subject, String body)
        throws MessagingException {
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        return message;
    }
}
