package io.sendguard.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * The audit trail: what happened to each mail, append-only and tamper-evident. Thread-safe.
 */
public interface AuditLog extends AutoCloseable {
    /**
     * Appends an event (stamped with the log's clock when it has no time) and returns once it is
     * durable: an acknowledged event survives a crash.
     *
     * @throws AuditException when it could not be written (nothing was acknowledged)
     */
    AuditRecord append(AuditEvent event);

    /** Matching records, oldest first. */
    List<AuditRecord> query(AuditQuery query);

    /** Writes the stored lines of {@code [from, to)} (either may be null: open) as JSON Lines. */
    long export(Instant from, Instant to, OutputStream out) throws IOException;

    /** Checks the whole chain from its anchor. */
    Verification verify();

    /** Writes that failed since start (each also logged at ERROR). */
    default long failedWrites() {
        return 0;
    }

    /** Why the last write failed, while no write has succeeded since; empty when the last write succeeded. */
    default java.util.Optional<String> lastFailure() {
        return java.util.Optional.empty();
    }

    /** Whether events are recorded at all. */
    default boolean isEnabled() {
        return true;
    }

    @Override
    void close();

    /** A log that records nothing (auditing off). */
    static AuditLog disabled() {
        return DisabledAuditLog.INSTANCE;
    }
}
