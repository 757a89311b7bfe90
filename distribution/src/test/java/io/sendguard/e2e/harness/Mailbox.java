package io.sendguard.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.UIDFolder;

/**
 * Reads a user's INBOX over real IMAP, as the sender's mail client would. Messages already read are
 * kept by UID, so waiting for a new one fetches only what is new.
 */
public final class Mailbox {
    private final int port;
    private final String user;
    private final String password;
    private final Map<Long, String> read = new ConcurrentHashMap<>();

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
                UIDFolder uids = (UIDFolder) inbox;
                List<String> result = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    long uid = uids.getUID(message);
                    String raw = read.get(uid);
                    if (raw == null) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        message.writeTo(out);
                        raw = out.toString(StandardCharsets.UTF_8);
                        read.put(uid, raw);
                    }
                    result.add(raw);
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

    /** Waits (up to a minute; a failed IMAP read is retried) for a message matching the predicate. */
    public String awaitMessage(Predicate<String> predicate) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
            .ignoreExceptionsInstanceOf(IllegalStateException.class)
            .until(() -> messages().stream().anyMatch(predicate));
        return messages().stream().filter(predicate).findFirst().orElseThrow();
    }
}
