package io.sendguard.audit;

/** One stored event with its place in the chain. */
public final class AuditRecord {
    private final long seq;
    private final String prevHash;
    private final String hash;
    private final AuditEvent event;
    private final String line;

    AuditRecord(long seq, String prevHash, String hash, AuditEvent event, String line) {
        this.seq = seq;
        this.prevHash = prevHash;
        this.hash = hash;
        this.event = event;
        this.line = line;
    }

    public long seq() {
        return seq;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }

    /** The event, addresses as stored (hashed when the log hashes them). */
    public AuditEvent event() {
        return event;
    }

    /** The stored JSON line (without its line end), as exported. */
    public String line() {
        return line;
    }

    @Override
    public String toString() {
        return "#" + seq + " " + event;
    }
}
