package io.sendguard.hold;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link HeldMail} as UTF-8 {@code key=value} lines. Repeated keys form lists
 * ({@code recipient}, {@code removedRecipient}, {@code approver}); attributes use {@code attr.<key>}.
 * Backslash, CR, LF and '=' are escaped ({@code \\ \r \n \e}). The last line must be {@code end=ok}:
 * a file without it is rejected as torn.
 */
final class MetadataCodec {
    static final String FORMAT = "1";
    private static final String END = "end=ok";

    private MetadataCodec() {
    }

    static byte[] encode(HeldMail m) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("# sendguard held mail\n");
        line(sb, "format", FORMAT);
        line(sb, "id", m.id().asString());
        line(sb, "version", Long.toString(m.version()));
        line(sb, "state", m.state().name());
        line(sb, "mode", m.mode().name());
        line(sb, "sender", m.sender());
        for (String r : m.recipients()) {
            line(sb, "recipient", r);
        }
        for (String r : m.removedRecipients()) {
            line(sb, "removedRecipient", r);
        }
        for (String a : m.approvers()) {
            line(sb, "approver", a);
        }
        line(sb, "subject", m.subject());
        line(sb, "messageId", m.messageId());
        line(sb, "createdAt", m.createdAt().toString());
        m.dueAt().ifPresent(d -> line(sb, "dueAt", d.toString()));
        line(sb, "releaseProcessor", m.releaseProcessor());
        m.claimedAt().ifPresent(c -> line(sb, "claimedAt", c.toString()));
        line(sb, "releaseAttempts", Integer.toString(m.releaseAttempts()));
        m.lastDecision().ifPresent(d -> {
            line(sb, "decision.actor", d.actor());
            line(sb, "decision.comment", d.comment());
            line(sb, "decision.at", d.at().toString());
        });
        for (Map.Entry<String, String> e : m.attributes().entrySet()) {
            sb.append("attr.").append(escape(e.getKey())).append('=').append(escape(e.getValue())).append('\n');
        }
        sb.append(END).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static HeldMail decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        int last = lines.length - 1;
        while (last >= 0 && lines[last].isEmpty()) {
            last--;
        }
        if (last < 0 || !lines[last].equals(END)) {
            throw new HoldStoreException("Torn or truncated metadata (no end marker)");
        }
        HeldMail.Builder b = HeldMail.builder();
        List<String> recipients = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> approvers = new ArrayList<>();
        String actor = null;
        String comment = null;
        Instant decidedAt = null;
        boolean sawId = false;
        for (int i = 0; i < last; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new HoldStoreException("Malformed metadata line " + (i + 1));
            }
            String key = line.substring(0, eq);
            String value = unescape(line.substring(eq + 1));
            switch (key) {
                case "format":
                    if (!FORMAT.equals(value)) {
                        throw new HoldStoreException("Unsupported metadata format " + value);
                    }
                    break;
                case "id":
                    b.id(HeldMailId.of(value));
                    sawId = true;
                    break;
                case "version":
                    b.version(Long.parseLong(value));
                    break;
                case "state":
                    b.state(HoldState.valueOf(value));
                    break;
                case "mode":
                    b.mode(HoldMode.valueOf(value));
                    break;
                case "sender":
                    b.sender(value);
                    break;
                case "recipient":
                    recipients.add(value);
                    break;
                case "removedRecipient":
                    removed.add(value);
                    break;
                case "approver":
                    approvers.add(value);
                    break;
                case "subject":
                    b.subject(value);
                    break;
                case "messageId":
                    b.messageId(value);
                    break;
                case "createdAt":
                    b.createdAt(Instant.parse(value));
                    break;
                case "dueAt":
                    b.dueAt(Instant.parse(value));
                    break;
                case "releaseProcessor":
                    b.releaseProcessor(value);
                    break;
                case "claimedAt":
                    b.claimedAt(Instant.parse(value));
                    break;
                case "releaseAttempts":
                    b.releaseAttempts(Integer.parseInt(value));
                    break;
                case "decision.actor":
                    actor = value;
                    break;
                case "decision.comment":
                    comment = value;
                    break;
                case "decision.at":
                    decidedAt = Instant.parse(value);
                    break;
                default:
                    if (key.startsWith("attr.")) {
                        b.attribute(unescape(key.substring(5)), value);
                    }
                    // unknown keys are ignored for forward compatibility
                    break;
            }
        }
        if (!sawId) {
            throw new HoldStoreException("Metadata without id");
        }
        if (actor != null && decidedAt != null) {
            b.lastDecision(new Decision(actor, comment, decidedAt));
        }
        return b.recipients(recipients).removedRecipients(removed).approvers(approvers).build();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append('=').append(escape(value)).append('\n');
    }

    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep;
            switch (c) {
                case '\\':
                    rep = "\\\\";
                    break;
                case '\n':
                    rep = "\\n";
                    break;
                case '\r':
                    rep = "\\r";
                    break;
                case '=':
                    rep = "\\e";
                    break;
                default:
                    rep = null;
            }
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw new HoldStoreException("Dangling escape in metadata");
            }
            char n = s.charAt(i);
            switch (n) {
                case '\\':
                    sb.append('\\');
                    break;
                case 'n':
                    sb.append('\n');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 'e':
                    sb.append('=');
                    break;
                default:
                    throw new HoldStoreException("Unknown escape \\" + n + " in metadata");
            }
        }
        return sb.toString();
    }
}
