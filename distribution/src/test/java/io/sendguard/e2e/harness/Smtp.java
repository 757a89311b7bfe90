package io.sendguard.e2e.harness;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    public static MimeMessage text(MimeMessage message, String from, String to, String subject, String body)
        throws MessagingException {
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        return message;
    }
}
