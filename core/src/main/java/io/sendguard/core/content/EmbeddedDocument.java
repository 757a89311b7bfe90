package io.sendguard.core.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.sendguard.core.finding.FindingCodec;

/**
 * What the bytes of a document inside an archive revealed ({@link ContainerFacts}), with where it sits:
 * {@code attachment:outer.zip!/docs/inner.zip!/setup.exe}. The extraction pass records one for every archive
 * entry it unpacks, so the attachment policy can judge nested files without unpacking them a second time.
 * Immutable; {@link #encode} / {@link #decode} turn a list into one string that a mail attribute can carry.
 */
public final class EmbeddedDocument {
    private static final int FIELDS = 8;

    private final String location;
    private final ContainerFacts facts;

    public EmbeddedDocument(String location, ContainerFacts facts) {
        this.location = Objects.requireNonNull(location, "location");
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    public String location() {
        return location;
    }

    public ContainerFacts facts() {
        return facts;
    }

    /** The same facts at another location (the extraction pass prefixes the attachment's own location). */
    public EmbeddedDocument at(String newLocation) {
        return new EmbeddedDocument(newLocation, facts);
    }

    /** One line per document, eight tab-separated, percent-escaped fields; an absent value is {@code -}. */
    public static String encode(List<EmbeddedDocument> documents) {
        StringBuilder out = new StringBuilder();
        for (EmbeddedDocument d : documents) {
            ContainerFacts f = d.facts;
            DetectedType t = f.type();
            out.append(FindingCodec.escape(d.location)).append('\t')
                .append(FindingCodec.escape(t.trueType())).append('\t')
                .append(optional(t.nameType())).append('\t')
                .append(t.mismatch() ? '1' : '0').append('\t')
                .append(optional(f.encryption())).append('\t')
                .append(optional(f.macros())).append('\t')
                .append(optional(f.diskImage())).append('\t')
                .append(optional(f.problem())).append('\n');
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when the text is not in {@link #encode}'s format */
    public static List<EmbeddedDocument> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return List.of();
        }
        List<EmbeddedDocument> result = new ArrayList<>();
        for (String line : encoded.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] v = line.split("\t", -1);
            if (v.length != FIELDS || !(v[3].equals("0") || v[3].equals("1"))) {
                throw new IllegalArgumentException("malformed embedded document: " + v.length + " fields");
            }
            DetectedType type = new DetectedType(FindingCodec.unescape(v[1]), optional(v[2]), v[3].equals("1"));
            result.add(new EmbeddedDocument(FindingCodec.unescape(v[0]),
                new ContainerFacts(type, optional(v[4]), optional(v[5]), optional(v[6]), optional(v[7]))));
        }
        return Collections.unmodifiableList(result);
    }

    private static String optional(Optional<String> value) {
        return value.map(v -> "+" + FindingCodec.escape(v)).orElse("-");
    }

    private static Optional<String> optional(String field) {
        if (field.equals("-")) {
            return Optional.empty();
        }
        if (!field.startsWith("+")) {
            throw new IllegalArgumentException("malformed optional field");
        }
        return Optional.of(FindingCodec.unescape(field.substring(1)));
    }

    @Override
    public String toString() {
        return location + ": " + facts;
    }
}
