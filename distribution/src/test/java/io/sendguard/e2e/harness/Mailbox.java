package io.sendguard.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Store;

/** Reads a user's INBOX over real IMAP, as the sender's mail client would. */
public final class Mailbox {
    private final int port;
    private final String user;
    private final String password;

    public Mailbox(int port, String user, String password) {
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The raw text of every message in INBOX. */
    public List<String> messages() {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "30000");
        try {
            Store store = Session.getInstance(props).getStore("imap");
            store.connect("127.0.0.1", port, user, password);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<String> result = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    message.writeTo(out);
                    result.add(out.toString(StandardCharsets.UTF_8));
                }
                inbox.close(false);
                return result;
            } finally {
                store.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("IMAP read failed for " + user + ": " + e, e);
        }
    }

    public String awaitMessage(Predicate<String> predicate) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> messages().stream().anyMatch(predicate));
        return messages().stream().filter(predicate).findFirst().orElseThrow();
    }
}
