package io.sendguard.dkim;

import io.sendguard.dkim.message.HeaderField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which header fields a signature covers (RFC 6376 section 5.4), immutable.
 *
 * <p>For a given message, {@link #select(List)} yields the {@code h=} list: for each configured
 * name in configuration order, one entry per occurrence in the message, the occurrences taken
 * bottom-up (RFC 6376 5.4.2); then, for each over-signed name, one extra entry which matches no
 * field ("over-signing", RFC 6376 8.15), so that a field of that name added later breaks the
 * signature. Configured names absent from the message are not listed, unless over-signed (then
 * they appear once, asserting their absence).</p>
 *
 * <p>{@code From} must be signed. {@code DKIM-Signature}, {@code Return-Path} and {@code Received}
 * can not be configured: signatures never cover each other and trace fields change in transit.</p>
 */
public final class HeaderSelection {
    /** Header fields signed by default: RFC 6376 5.4.1 recommendations plus MIME and list fields. */
    public static final List<String> DEFAULT_SIGNED_HEADERS = List.of(
            "from", "reply-to", "subject", "date", "to", "cc",
            "resent-date", "resent-from", "resent-to", "resent-cc",
            "in-reply-to", "references", "message-id",
            "mime-version", "content-type", "content-transfer-encoding", "content-id", "content-description",
            "sender", "list-id", "list-help", "list-unsubscribe", "list-unsubscribe-post", "list-subscribe",
            "list-post", "list-owner", "list-archive");

    /** Header fields over-signed by default. */
    public static final List<String> DEFAULT_OVER_SIGNED_HEADERS = List.of(
            "from", "to", "cc", "subject", "date", "message-id", "reply-to", "mime-version", "content-type");

    private static final Set<String> FORBIDDEN = Set.of("dkim-signature", "return-path", "received");
    private static final HeaderSelection DEFAULT = new HeaderSelection(DEFAULT_SIGNED_HEADERS,
            inSignedOrder(DEFAULT_SIGNED_HEADERS, DEFAULT_OVER_SIGNED_HEADERS));

    private final List<String> signed;
    private final Set<String> signedSet;
    private final List<String> overSigned;

    private HeaderSelection(List<String> signed, List<String> overSigned) {
        this.signed = signed;
        this.signedSet = Set.copyOf(signed);
        this.overSigned = overSigned;
    }

    /** @return the default selection ({@link #DEFAULT_SIGNED_HEADERS}, {@link #DEFAULT_OVER_SIGNED_HEADERS}) */
    public static HeaderSelection defaults() {
        return DEFAULT;
    }

    /**
     * Creates a selection.
     *
     * @param signedHeaders     names to sign, in the order they shall appear in {@code h=}
     * @param overSignedHeaders names to over-sign; each must also be in {@code signedHeaders}
     * @return the selection
     * @throws DkimConfigurationException when a name is invalid, forbidden, duplicated, when From
     *                                    is missing or an over-signed name is not signed
     */
    public static HeaderSelection of(List<String> signedHeaders, List<String> overSignedHeaders)
            throws DkimConfigurationException {
        Objects.requireNonNull(signedHeaders, "signedHeaders");
        Objects.requireNonNull(overSignedHeaders, "overSignedHeaders");
        List<String> signed = normalize(signedHeaders, "signed");
        List<String> over = normalize(overSignedHeaders, "over-signed");
        if (!signed.contains("from")) {
            throw new DkimConfigurationException("the From header field must be signed (RFC 6376 5.4)");
        }
        for (String name : over) {
            if (!signed.contains(name)) {
                throw new DkimConfigurationException("over-signed header field '" + name + "' is not in the signed list");
            }
        }
        return new HeaderSelection(Collections.unmodifiableList(signed), inSignedOrder(signed, over));
    }

    /** Over-signed names appear in h= in the order of the signed list. */
    private static List<String> inSignedOrder(List<String> signed, List<String> over) {
        List<String> ordered = new ArrayList<>();
        for (String name : signed) {
            if (over.contains(name)) {
                ordered.add(name);
            }
        }
        return Collections.unmodifiableList(ordered);
    }

    /**
     * Convenience for {@link #of(List, List)}.
     *
     * @param signedHeaders     comma- or colon-separated names to sign
     * @param overSignedHeaders comma- or colon-separated names to over-sign, may be empty
     * @return the selection
     * @throws DkimConfigurationException as {@link #of(List, List)}
     */
    public static HeaderSelection parse(String signedHeaders, String overSignedHeaders)
            throws DkimConfigurationException {
        return of(split(signedHeaders), split(overSignedHeaders));
    }

    private static List<String> split(String list) {
        if (list == null || list.trim().isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : list.split("[,:]")) {
            out.add(s.trim());
        }
        return out;
    }

    private static List<String> normalize(List<String> names, String what) throws DkimConfigurationException {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : names) {
            if (raw == null) {
                throw new DkimConfigurationException("null " + what + " header field name");
            }
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (!isFieldName(name)) {
                throw new DkimConfigurationException("invalid " + what + " header field name '" + raw + "'");
            }
            if (FORBIDDEN.contains(name)) {
                throw new DkimConfigurationException("header field '" + name + "' must not be signed");
            }
            if (!out.add(name)) {
                throw new DkimConfigurationException("duplicate " + what + " header field name '" + name + "'");
            }
        }
        return new ArrayList<>(out);
    }

    /** RFC 5322 field-name: 1*ftext, ftext = %d33-57 / %d59-126. */
    static boolean isFieldName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return false;
            }
        }
        return true;
    }

    /** @return the lower-case names signed, in {@code h=} order */
    public List<String> signedHeaders() {
        return signed;
    }

    /** @return the lower-case names over-signed */
    public List<String> overSignedHeaders() {
        return overSigned;
    }

    /**
     * Selects the fields of a message to sign.
     *
     * @param headers the message header fields, top first
     * @return the selection result: names for {@code h=} and the fields to hash, in order
     */
    public Selected select(List<HeaderField> headers) {
        List<String> names = new ArrayList<>();
        List<HeaderField> fields = new ArrayList<>();
        // the message's signed fields by name, in message order (one pass over the header, not one per name)
        Map<String, List<HeaderField>> byName = new HashMap<>();
        for (HeaderField field : headers) {
            if (signedSet.contains(field.lowerCaseName())) {
                byName.computeIfAbsent(field.lowerCaseName(), n -> new ArrayList<>(1)).add(field);
            }
        }
        for (String name : signed) {
            List<HeaderField> present = byName.get(name);
            // bottom-up (RFC 6376 section 5.4.2): the last instance is signed first
            for (int i = present == null ? -1 : present.size() - 1; i >= 0; i--) {
                names.add(name);
                fields.add(present.get(i));
            }
        }
        names.addAll(overSigned);
        return new Selected(names, fields);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderSelection && ((HeaderSelection) o).signed.equals(signed)
                && ((HeaderSelection) o).overSigned.equals(overSigned);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signed, overSigned);
    }

    @Override
    public String toString() {
        return "HeaderSelection[signed=" + signed + ", overSigned=" + overSigned + "]";
    }

    /** Result of {@link #select(List)}. */
    public static final class Selected {
        private final List<String> names;
        private final List<HeaderField> fields;

        Selected(List<String> names, List<HeaderField> fields) {
            this.names = Collections.unmodifiableList(new ArrayList<>(names));
            this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        }

        /** @return the names for the {@code h=} tag, including over-signed extra names */
        public List<String> names() {
            return names;
        }

        /** @return the fields to hash, in {@code h=} order (fewer than names when over-signing) */
        public List<HeaderField> fields() {
            return fields;
        }

        @Override
        public String toString() {
            return "Selected" + Arrays.toString(names.toArray());
        }
    }
}
