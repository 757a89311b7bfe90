package io.sendguard.inspection.extract;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that keep one mail's extraction bounded in memory and time. Immutable; build with
 * {@link #builder()} or use {@link #defaults()}.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>maxCharsPerMail</td><td>10,000,000</td><td>extracted characters for the whole mail</td></tr>
 *   <tr><td>maxCharsPerAttachment</td><td>2,000,000</td><td>per attachment, embedded documents included</td></tr>
 *   <tr><td>maxAttachmentBytes</td><td>50 MiB</td><td>larger attachments (or archive entries) are not parsed</td></tr>
 *   <tr><td>maxArchiveDepth</td><td>5</td><td>nesting of containers (zip in zip, docx in zip, attached mails)</td></tr>
 *   <tr><td>maxArchiveEntries</td><td>1,000</td><td>embedded documents per attachment</td></tr>
 *   <tr><td>maxExpansionRatio</td><td>100</td><td>bytes unpacked from an attachment / its size (zip bomb) ...</td></tr>
 *   <tr><td>expansionAllowanceBytes</td><td>10 MiB</td><td>... but always allow at least this many bytes</td></tr>
 *   <tr><td>maxMimeDepth</td><td>30</td><td>multiparts and attached mails nested in each other</td></tr>
 *   <tr><td>maxBodyBytes</td><td>5 MiB</td><td>per text body: a longer one is read up to this many bytes</td></tr>
 *   <tr><td>maxTimePerMail</td><td>30 s</td><td>wall time for all attachment and HTML parsing of one mail</td></tr>
 *   <tr><td>parserThreads</td><td>processors</td><td>attachments parsed at once (all mails together)</td></tr>
 *   <tr><td>maxConcurrentMails</td><td>processors, at least 2</td><td>mails extracted at once; others wait</td></tr>
 *   <tr><td>cacheEntries / cacheMaxChars</td><td>256 / 20,000,000</td><td>LRU of parsed attachments by SHA-256</td></tr>
 * </table>
 * Anything over a limit becomes an {@link ExtractionProblem} of kind {@code LIMIT} (or {@code TIMEOUT}).
 */
public final class ExtractionLimits {
    private final long maxCharsPerMail;
    private final long maxCharsPerAttachment;
    private final long maxAttachmentBytes;
    private final int maxArchiveDepth;
    private final int maxArchiveEntries;
    private final int maxExpansionRatio;
    private final long expansionAllowanceBytes;
    private final int maxMimeDepth;
    private final long maxBodyBytes;
    private final Duration maxTimePerMail;
    private final int parserThreads;
    private final int maxConcurrentMails;
    private final int cacheEntries;
    private final long cacheMaxChars;

    private ExtractionLimits(Builder b) {
        this.maxCharsPerMail = positive(b.maxCharsPerMail, "maxCharsPerMail");
        this.maxCharsPerAttachment = positive(b.maxCharsPerAttachment, "maxCharsPerAttachment");
        this.maxAttachmentBytes = positive(b.maxAttachmentBytes, "maxAttachmentBytes");
        this.maxArchiveDepth = (int) positive(b.maxArchiveDepth, "maxArchiveDepth");
        this.maxArchiveEntries = (int) positive(b.maxArchiveEntries, "maxArchiveEntries");
        this.maxExpansionRatio = (int) positive(b.maxExpansionRatio, "maxExpansionRatio");
        this.expansionAllowanceBytes = positive(b.expansionAllowanceBytes, "expansionAllowanceBytes");
        this.maxMimeDepth = (int) positive(b.maxMimeDepth, "maxMimeDepth");
        this.maxBodyBytes = positive(b.maxBodyBytes, "maxBodyBytes");
        this.parserThreads = (int) positive(b.parserThreads, "parserThreads");
        this.maxConcurrentMails = (int) positive(b.maxConcurrentMails, "maxConcurrentMails");
        this.maxTimePerMail = Objects.requireNonNull(b.maxTimePerMail, "maxTimePerMail");
        if (maxTimePerMail.isNegative() || maxTimePerMail.isZero()) {
            throw new IllegalArgumentException("maxTimePerMail must be positive");
        }
        if (b.cacheEntries < 0 || b.cacheMaxChars < 0) {
            throw new IllegalArgumentException("cache sizes must be >= 0");
        }
        this.cacheEntries = b.cacheEntries;
        this.cacheMaxChars = b.cacheMaxChars;
    }

    private static long positive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
        return v;
    }

    public static ExtractionLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this value's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxCharsPerMail = maxCharsPerMail;
        b.maxCharsPerAttachment = maxCharsPerAttachment;
        b.maxAttachmentBytes = maxAttachmentBytes;
        b.maxArchiveDepth = maxArchiveDepth;
        b.maxArchiveEntries = maxArchiveEntries;
        b.maxExpansionRatio = maxExpansionRatio;
        b.expansionAllowanceBytes = expansionAllowanceBytes;
        b.maxMimeDepth = maxMimeDepth;
        b.maxBodyBytes = maxBodyBytes;
        b.parserThreads = parserThreads;
        b.maxConcurrentMails = maxConcurrentMails;
        b.maxTimePerMail = maxTimePerMail;
        b.cacheEntries = cacheEntries;
        b.cacheMaxChars = cacheMaxChars;
        return b;
    }

    public long maxCharsPerMail() {
        return maxCharsPerMail;
    }

    public long maxCharsPerAttachment() {
        return maxCharsPerAttachment;
    }

    public long maxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    public int maxArchiveDepth() {
        return maxArchiveDepth;
    }

    public int maxArchiveEntries() {
        return maxArchiveEntries;
    }

    public int maxExpansionRatio() {
        return maxExpansionRatio;
    }

    public long expansionAllowanceBytes() {
        return expansionAllowanceBytes;
    }

    public Duration maxTimePerMail() {
        return maxTimePerMail;
    }

    /** Multiparts and attached mails nested in each other: deeper parts are not read (a limit problem). */
    public int maxMimeDepth() {
        return maxMimeDepth;
    }

    /** Bytes of one text body that are read; the rest of a longer body is not (a limit problem). */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Threads that parse attachments, shared by all mails. */
    public int parserThreads() {
        return parserThreads;
    }

    /** Mails extracted at the same time; more wait for a turn. */
    public int maxConcurrentMails() {
        return maxConcurrentMails;
    }

    public int cacheEntries() {
        return cacheEntries;
    }

    public long cacheMaxChars() {
        return cacheMaxChars;
    }

    /** Bytes that may be unpacked from an attachment of {@code size} bytes. */
    public long expansionBudget(long size) {
        long ratio = size > Long.MAX_VALUE / maxExpansionRatio ? Long.MAX_VALUE : size * maxExpansionRatio;
        return Math.max(ratio, expansionAllowanceBytes);
    }

    @Override
    public String toString() {
        return "ExtractionLimits[chars/mail=" + maxCharsPerMail + ", chars/attachment=" + maxCharsPerAttachment
            + ", bytes/attachment=" + maxAttachmentBytes + ", depth=" + maxArchiveDepth + ", entries="
            + maxArchiveEntries + ", ratio=" + maxExpansionRatio + ", allowance=" + expansionAllowanceBytes
            + ", mimeDepth=" + maxMimeDepth + ", bytes/body=" + maxBodyBytes + ", parserThreads=" + parserThreads
            + ", concurrentMails=" + maxConcurrentMails + ", time=" + maxTimePerMail + ", cache=" + cacheEntries + "/" + cacheMaxChars + "]";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private long maxCharsPerMail = 10_000_000L;
        private long maxCharsPerAttachment = 2_000_000L;
        private long maxAttachmentBytes = 50L * 1024 * 1024;
        private long maxArchiveDepth = 5;
        private long maxArchiveEntries = 1_000;
        private long maxExpansionRatio = 100;
        private long expansionAllowanceBytes = 10L * 1024 * 1024;
        private Duration maxTimePerMail = Duration.ofSeconds(30);
        private long maxMimeDepth = 30;
        private long maxBodyBytes = 5L * 1024 * 1024;
        private long parserThreads = Runtime.getRuntime().availableProcessors();
        private long maxConcurrentMails = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int cacheEntries = 256;
        private long cacheMaxChars = 20_000_000L;

        private Builder() {
        }

        public Builder maxCharsPerMail(long v) {
            maxCharsPerMail = v;
            return this;
        }

        public Builder maxCharsPerAttachment(long v) {
            maxCharsPerAttachment = v;
            return this;
        }

        public Builder maxAttachmentBytes(long v) {
            maxAttachmentBytes = v;
            return this;
        }

        public Builder maxArchiveDepth(int v) {
            maxArchiveDepth = v;
            return this;
        }

        public Builder maxArchiveEntries(int v) {
            maxArchiveEntries = v;
            return this;
        }

        public Builder maxExpansionRatio(int v) {
            maxExpansionRatio = v;
            return this;
        }

        public Builder expansionAllowanceBytes(long v) {
            expansionAllowanceBytes = v;
            return this;
        }

        public Builder maxTimePerMail(Duration v) {
            maxTimePerMail = v;
            return this;
        }

        public Builder maxMimeDepth(int v) {
            maxMimeDepth = v;
            return this;
        }

        public Builder maxBodyBytes(long v) {
            maxBodyBytes = v;
            return this;
        }

        public Builder parserThreads(int v) {
            parserThreads = v;
            return this;
        }

        public Builder maxConcurrentMails(int v) {
            maxConcurrentMails = v;
            return this;
        }

        /** 0 disables the cache. */
        public Builder cacheEntries(int v) {
            cacheEntries = v;
            return this;
        }

        public Builder cacheMaxChars(long v) {
            cacheMaxChars = v;
            return this;
        }

        public ExtractionLimits build() {
            return new ExtractionLimits(this);
        }
    }
}
