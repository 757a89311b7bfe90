package io.sendguard.inspection.extract;

import java.util.Collections;
import java.util.List;

import io.sendguard.core.content.ContainerFacts;

/**
 * What Tika got out of one attachment (and the facts of every archive entry it unpacked), with paths relative to the attachment ({@code ""} = the attachment
 * itself, {@code dir/report.docx}, {@code inner.zip!/a.txt}), so one cached parse serves every mail that
 * carries the same bytes under any name. Immutable.
 */
final class ParsedAttachment {
    /** A piece of text: the text of a document, or the name of an embedded document. */
    static final class Piece {
        final String path;
        final boolean name;
        final String text;

        Piece(String path, boolean name, String text) {
            this.path = path;
            this.name = name;
            this.text = text;
        }
    }

    /** A problem at a relative path. */
    static final class Problem {
        final String path;
        final ExtractionProblem.Kind kind;
        final String message;

        Problem(String path, ExtractionProblem.Kind kind, String message) {
            this.path = path;
            this.kind = kind;
            this.message = message;
        }
    }

    /** What the bytes of an archive entry revealed (type, encryption, macros, disk image), at a relative path. */
    static final class Embedded {
        final String path;
        final ContainerFacts facts;

        Embedded(String path, ContainerFacts facts) {
            this.path = path;
            this.facts = facts;
        }
    }

    final List<Piece> pieces;
    final List<Problem> problems;
    final List<Embedded> embedded;
    /** false when the result depends on this mail (timeout, mail-wide budget) */
    final boolean cacheable;
    final long chars;

    ParsedAttachment(List<Piece> pieces, List<Problem> problems, boolean cacheable) {
        this(pieces, problems, List.of(), cacheable);
    }

    ParsedAttachment(List<Piece> pieces, List<Problem> problems, List<Embedded> embedded, boolean cacheable) {
        this.pieces = Collections.unmodifiableList(pieces);
        this.problems = Collections.unmodifiableList(problems);
        this.embedded = Collections.unmodifiableList(embedded);
        this.cacheable = cacheable;
        long n = 0;
        for (Piece p : pieces) {
            n += p.text.length();
        }
        this.chars = n;
    }
}
