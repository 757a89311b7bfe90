package io.sendguard.hold;

import java.time.Instant;
import java.util.Objects;

/**
 * A held mail whose files could not be read (corrupt metadata, a missing payload, a disk error), set aside so that
 * the release of every other mail goes on: an admin sees it in WebAdmin ({@code GET /sendguard/holds/bad}) and
 * finds its files, as they were, under the store's {@code bad/} directory.
 */
public final class SetAsideMail {
    private final String id;
    private final String reason;
    private final Instant at;

    public SetAsideMail(String id, String reason, Instant at) {
        this.id = Objects.requireNonNull(id, "id");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.at = Objects.requireNonNull(at, "at");
    }

    /** The held mail's id (a directory name; it may not parse as an id when the entry itself was damaged). */
    public String id() {
        return id;
    }

    /** Why it was set aside, in words. */
    public String reason() {
        return reason;
    }

    /** When it was set aside. */
    public Instant at() {
        return at;
    }
}
