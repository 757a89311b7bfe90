package io.sendguard.mailets.recipients;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

/**
 * The recipients a message shows in its address headers (To, Cc, Resent-To, Resent-Cc, and the
 * Bcc and Resent-Bcc that should not be there), read robustly: several headers of the same name,
 * group syntax ({@code Team: a@x, b@y;}), RFC 2047 encoded display names (kept byte for byte when
 * an address stays visible), comments, duplicates differing in case, internationalized domains
 * (compared in their IDNA ASCII form). A header that does not parse strictly is reported in
 * {@link #unparseableHeaders()} and is never partly kept: {@link #hideExternal} removes it whole.
 */
public final class VisibleRecipients {
    public static final String TO = "To";
    public static final String CC = "Cc";
    public static final String BCC = "Bcc";
    public static final String RESENT_TO = "Resent-To";
    public static final String RESENT_CC = "Resent-Cc";
    public static final String RESENT_BCC = "Resent-Bcc";
    /** Headers whose external addresses are hidden; internal ones may stay. */
    public static final List<String> VISIBLE_HEADERS = List.of(TO, CC, RESENT_TO, RESENT_CC);
    /** Headers that are always removed. */
    public static final List<String> BLIND_HEADERS = List.of(BCC, RESENT_BCC);
    /** The To: value when no visible recipient remains. */
    public static final String UNDISCLOSED = "undisclosed-recipients:;";

    /** One mailbox as the header shows it. */
    public static final class Mailbox {
        private final InternetAddress original;
        private final String normalized;
        private final boolean internal;

        Mailbox(InternetAddress original, String normalized, boolean internal) {
            this.original = original;
            this.normalized = normalized;
            this.internal = internal;
        }

        /** Lower case, IDNA ASCII domain. */
        public String normalized() {
            return normalized;
        }

        public boolean internal() {
            return internal;
        }

        public Optional<String> domain() {
            return InternalDomains.domainOf(normalized);
        }

        /** The mailbox as it appeared (encoded display name kept), without a display name that looks like an address. */
        public String render() {
            String personal = original.getPersonal();
            if (personal != null && personal.contains("@")) {
                return original.getAddress();
            }
            return original.toString();
        }

        public InternetAddress original() {
            return original;
        }
    }

    /** A single mailbox, or a group of them. */
    static final class Item {
        final Optional<String> groupName;
        final List<Mailbox> members;

        Item(Optional<String> groupName, List<Mailbox> members) {
            this.groupName = groupName;
            this.members = members;
        }
    }

    private final Map<String, List<Item>> headers;
    private final Set<String> unparseable;

    private VisibleRecipients(Map<String, List<Item>> headers, Set<String> unparseable) {
        this.headers = headers;
        this.unparseable = unparseable;
    }

    /**
     * Reads the address headers of a message.
     *
     * @param isInternalDomain whether a normalized (lower case, ASCII) domain is internal
     * @throws MessagingException only when the headers cannot be read at all
     */
    public static VisibleRecipients read(MimeMessage message, Predicate<String> isInternalDomain) throws MessagingException {
        Map<String, List<Item>> headers = new LinkedHashMap<>();
        Set<String> unparseable = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(VISIBLE_HEADERS);
        names.addAll(BLIND_HEADERS);
        for (String name : names) {
            String[] values = message.getHeader(name);
            if (values == null || values.length == 0) {
                continue;
            }
            try {
                List<Item> items = new ArrayList<>();
                for (String value : values) {
                    items.addAll(parse(value, isInternalDomain));
                }
                headers.put(name, items);
            } catch (AddressException | RuntimeException e) {
                unparseable.add(name);
            }
        }
        return new VisibleRecipients(headers, unparseable);
    }

    private static List<Item> parse(String value, Predicate<String> isInternalDomain) throws AddressException {
        List<Item> items = new ArrayList<>();
        for (InternetAddress address : InternetAddress.parseHeader(value, true)) {
            if (address.isGroup()) {
                List<Mailbox> members = new ArrayList<>();
                for (InternetAddress member : address.getGroup(true)) {
                    members.add(mailbox(member, isInternalDomain));
                }
                items.add(new Item(Optional.of(groupName(address.getAddress())), members));
            } else {
                items.add(new Item(Optional.empty(), List.of(mailbox(address, isInternalDomain))));
            }
        }
        return items;
    }

    private static Mailbox mailbox(InternetAddress address, Predicate<String> isInternalDomain) {
        String normalized = InternalDomains.normalizeAddress(address.getAddress());
        boolean internal = InternalDomains.domainOf(normalized).map(isInternalDomain::test).orElse(false);
        return new Mailbox(address, normalized, internal);
    }

    /** The display name of a group: what precedes the first colon outside a quoted string. */
    static String groupName(String group) {
        boolean quoted = false;
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return group.substring(0, i).trim();
            }
        }
        return group.trim();
    }

    /** Names of the address headers that did not parse strictly. */
    public Set<String> unparseableHeaders() {
        return Collections.unmodifiableSet(unparseable);
    }

    /** Every mailbox of the given headers, in order (group members included, duplicates too). */
    public List<Mailbox> mailboxes(List<String> names) {
        List<Mailbox> result = new ArrayList<>();
        for (String name : names) {
            for (Item item : headers.getOrDefault(name, List.of())) {
                result.addAll(item.members);
            }
        }
        return result;
    }

    /** The distinct external addresses (normalized) shown in the given headers. */
    public Set<String> externalAddresses(List<String> names) {
        Set<String> result = new LinkedHashSet<>();
        for (Mailbox mailbox : mailboxes(names)) {
            if (!mailbox.internal) {
                result.add(mailbox.normalized);
            }
        }
        return result;
    }

    /** The distinct domains of the external addresses shown in the given headers. */
    public Set<String> externalDomains(List<String> names) {
        Set<String> result = new LinkedHashSet<>();
        for (String address : externalAddresses(names)) {
            InternalDomains.domainOf(address).ifPresent(result::add);
        }
        return result;
    }

    /** How the given address (normalized) appears in To/Cc/Resent-To/Resent-Cc, first occurrence. */
    public Optional<Mailbox> find(String normalizedAddress) {
        String key = normalizedAddress.toLowerCase(Locale.ROOT);
        return mailboxes(VISIBLE_HEADERS).stream().filter(m -> m.normalized.equals(key)).findFirst();
    }

    /** What {@link #hideExternal} hid. */
    public static final class Hidden {
        private final Set<String> addresses;
        private final Set<String> domains;
        private final Set<String> unparseableHeaders;

        Hidden(Set<String> addresses, Set<String> domains, Set<String> unparseableHeaders) {
            this.addresses = addresses;
            this.domains = domains;
            this.unparseableHeaders = unparseableHeaders;
        }

        public int addressCount() {
            return addresses.size();
        }

        public int domainCount() {
            return domains.size();
        }

        public Set<String> unparseableHeaders() {
            return unparseableHeaders;
        }

        public boolean isEmpty() {
            return addresses.isEmpty() && unparseableHeaders.isEmpty();
        }
    }

    /**
     * Rewrites the address headers of {@code message} (read into this object): external addresses
     * leave To, Cc, Resent-To and Resent-Cc (a header left empty is removed), internal ones stay
     * when {@code keepInternalVisible}; Bcc and Resent-Bcc are removed; an unparseable header is
     * removed whole. When no address remains in To, it becomes {@code placeholderTo}.
     */
    public Hidden hideExternal(MimeMessage message, boolean keepInternalVisible, String placeholderTo) throws MessagingException {
        Set<String> hidden = new LinkedHashSet<>();
        for (String name : VISIBLE_HEADERS) {
            if (unparseable.contains(name)) {
                message.removeHeader(name);
                continue;
            }
            List<Item> items = headers.get(name);
            if (items == null) {
                continue;
            }
            Set<String> seen = new LinkedHashSet<>();
            List<String> kept = new ArrayList<>();
            for (Item item : items) {
                List<String> keptMembers = new ArrayList<>();
                for (Mailbox mailbox : item.members) {
                    if (!mailbox.internal) {
                        hidden.add(mailbox.normalized);
                    } else if (keepInternalVisible && seen.add(mailbox.normalized)) {
                        keptMembers.add(mailbox.render());
                    }
                }
                if (keptMembers.isEmpty()) {
                    continue;
                }
                if (item.groupName.isPresent() && !item.groupName.get().contains("@")) {
                    kept.add(item.groupName.get() + ": " + String.join(", ", keptMembers) + ";");
                } else {
                    kept.addAll(keptMembers);
                }
            }
            if (kept.isEmpty()) {
                message.removeHeader(name);
            } else {
                message.setHeader(name, MimeUtility.fold(name.length() + 2, String.join(", ", kept)));
            }
        }
        for (String name : BLIND_HEADERS) {
            message.removeHeader(name);
        }
        if (message.getHeader(TO) == null) {
            message.setHeader(TO, placeholderTo);
        }
        Set<String> domains = new LinkedHashSet<>();
        hidden.forEach(address -> InternalDomains.domainOf(address).ifPresent(domains::add));
        Set<String> badHeaders = new LinkedHashSet<>(unparseable);
        badHeaders.retainAll(VISIBLE_HEADERS);
        return new Hidden(hidden, domains, badHeaders);
    }

    /** The first From: mailbox as it appears, for a To: placeholder; empty when there is none or it does not parse. */
    public static Optional<String> fromMailbox(MimeMessage message) {
        try {
            String from = message.getHeader("From", ",");
            if (from == null) {
                return Optional.empty();
            }
            for (InternetAddress address : InternetAddress.parseHeader(from, true)) {
                if (!address.isGroup() && address.getAddress() != null && address.getAddress().contains("@")) {
                    String personal = address.getPersonal();
                    return Optional.of(personal != null && personal.contains("@") ? address.getAddress() : address.toString());
                }
            }
            return Optional.empty();
        } catch (MessagingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
