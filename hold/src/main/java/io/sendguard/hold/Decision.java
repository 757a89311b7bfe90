package io.sendguard.hold;

import java.time.Instant;
import java.util.Objects;

/**
 * Who changed the state of a held mail last, when, and why (immutable).
 */
public final class Decision {
    private final String actor;
    private final String comment;
    private final Instant at;

    /**
     * @param actor   who decided (address, "system", "scheduler", ...), non-null
     * @param comment free text, may be empty, never null
     * @param at      when
     */
    public Decision(String actor, String comment, Instant at) {
        this.actor = Objects.requireNonNull(actor, "actor");
        this.comment = comment == null ? "" : comment;
        this.at = Objects.requireNonNull(at, "at");
    }

    public String actor() {
        return actor;
    }

    public String comment() {
        return comment;
    }

    public Instant at() {
        return at;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Decision)) {
            return false;
        }
        Decision d = (Decision) o;
        return actor.equals(d.actor) && comment.equals(d.comment) && at.equals(d.at);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actor, comment, at);
    }

    @Override
    public String toString() {
        return "Decision{" + actor + " at " + at + ": " + comment + "}";
    }
}
