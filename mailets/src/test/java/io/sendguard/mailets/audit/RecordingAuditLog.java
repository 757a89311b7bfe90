package io.sendguard.mailets.audit;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sendguard.audit.AuditEvent;
import io.sendguard.audit.AuditException;
import io.sendguard.audit.AuditLog;
import io.sendguard.audit.AuditQuery;
import io.sendguard.audit.AuditRecord;
import io.sendguard.audit.Verification;

/** An AuditLog that keeps the appended events in memory, and can be told to fail. */
public final class RecordingAuditLog implements AuditLog {
    public final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    public volatile boolean failing;

    @Override
    public AuditRecord append(AuditEvent event) {
        if (failing) {
            throw new AuditException("disk full");
        }
        events.add(event);
        return null;
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long export(Instant from, Instant to, OutputStream out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Verification verify() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
