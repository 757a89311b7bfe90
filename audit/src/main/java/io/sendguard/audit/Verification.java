package io.sendguard.audit;

import java.util.Optional;

/** The outcome of {@link AuditLog#verify()}: OK with the number of records checked, or the first broken record. */
public final class Verification {
    /** Where the chain breaks and why. */
    public static final class Broken {
        private final String file;
        private final long line;
        private final long seq;
        private final String reason;

        Broken(String file, long line, long seq, String reason) {
            this.file = file;
            this.line = line;
            this.seq = seq;
            this.reason = reason;
        }

        /** File name (in the audit directory). */
        public String file() {
            return file;
        }

        /** Line number in the file, from 1. */
        public long line() {
            return line;
        }

        /** The seq the record carries, or the one expected there when it cannot be read (-1 unknown). */
        public long seq() {
            return seq;
        }

        public String reason() {
            return reason;
        }

        @Override
        public String toString() {
            return file + ":" + line + " seq " + seq + ": " + reason;
        }
    }

    private final long records;
    private final long lastSeq;
    private final String lastHash;
    private final Broken broken;
    private final long unkeyedRecords;

    private Verification(long records, long lastSeq, String lastHash, Broken broken, long unkeyedRecords) {
        this.unkeyedRecords = unkeyedRecords;
        this.records = records;
        this.lastSeq = lastSeq;
        this.lastHash = lastHash;
        this.broken = broken;
    }

    static Verification ok(long records, long lastSeq, String lastHash, long unkeyedRecords) {
        return new Verification(records, lastSeq, lastHash, null, unkeyedRecords);
    }

    static Verification ok(long records, long lastSeq, String lastHash) {
        return ok(records, lastSeq, lastHash, 0);
    }

    static Verification broken(long recordsBefore, String file, long line, long seq, String reason) {
        return new Verification(recordsBefore, -1, "", new Broken(file, line, seq, reason), 0);
    }

    /**
     * The seq of the last record verified (0 when there is none). Together with {@link #lastHash()} it
     * pins the whole chain: note both elsewhere (a ticket, a printout) and a trail rewritten from an
     * earlier record on, hashes recomputed, no longer ends there.
     */
    public long lastSeq() {
        return lastSeq;
    }

    /** The hash of the last record verified (the genesis or anchor hash when there is none). */
    public String lastHash() {
        return lastHash;
    }

    /**
     * Records verified with plain SHA-256 only (written before the chain was keyed, or without a hash key): they
     * are only as tamper-evident as a {@link #lastHash()} noted elsewhere; every record after the first keyed one
     * is keyed.
     */
    public long unkeyedRecords() {
        return unkeyedRecords;
    }

    public boolean isOk() {
        return broken == null;
    }

    /** Records verified (before the broken one, if any). */
    public long records() {
        return records;
    }

    public Optional<Broken> brokenAt() {
        return Optional.ofNullable(broken);
    }

    @Override
    public String toString() {
        return isOk() ? "OK (" + records + " records)" : "BROKEN at " + broken;
    }
}
