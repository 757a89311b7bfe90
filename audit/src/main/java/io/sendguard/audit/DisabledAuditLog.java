package io.sendguard.audit;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/** Auditing off: nothing is recorded, queries find nothing, verification finds nothing wrong. */
final class DisabledAuditLog implements AuditLog {
    static final DisabledAuditLog INSTANCE = new DisabledAuditLog();

    private DisabledAuditLog() {
    }

    @Override
    public AuditRecord append(AuditEvent event) {
        return null;
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return List.of();
    }

    @Override
    public long export(Instant from, Instant to, OutputStream out) {
        return 0;
    }

    @Override
    public Verification verify() {
        return Verification.ok(0, 0, FileAuditLog.GENESIS_HASH);
    }

    @Override
    public boolean isEnabled() {
        return false;
    }

    @Override
    public void close() {
    }
}
