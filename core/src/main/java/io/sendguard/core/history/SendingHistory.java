package io.sendguard.core.history;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.crypto.PerThreadHmac;

/**
 * What each sender has sent to before, kept so that a first mail to a new domain or address can be
 * pointed out, without keeping any address: each fact ("sent to this address", "sent to this domain")
 * is stored only as a keyed hash, HMAC-SHA256 of the sender and the fact with a secret key, truncated
 * to 128 bits. Nothing in the files can be read back into an address without the key; the key is
 * checked against a fingerprint in the file, and a history written with another key is set aside.
 *
 * <p>Bounded: at most {@code maxPerSender} facts per sender and {@code maxTotal} in all; past either
 * bound, the least recently used fact goes (of that sender, or of anyone).
 *
 * <p>Durable: one append-only log ({@value #LOG_FILE}: a header, then fixed-size records, each with a
 * CRC-32), written to the operating system before {@link #add} returns (a crash or kill of James
 * loses nothing) and left to the OS to put on disk: a power cut can lose the last seconds of facts,
 * whose recipients are then pointed out as first-time once more (an fsync per mail cost more than the
 * rest of the recipient checks together); a record cut short by a crash, or one whose
 * checksum fails, ends the log (what follows is ignored and cut off at the next open). When the log
 * holds many more records than live facts, it is compacted: the live facts are written to a new file,
 * forced, and atomically renamed over the log. Thread-safe.
 */
public final class SendingHistory implements Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(SendingHistory.class);

    public static final String LOG_FILE = "history.log";
    static final String TEMPORARY_FILE = "history.log.tmp";
    static final String SET_ASIDE_FILE = "history.log.other-key";
    static final byte[] MAGIC = "SGH1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = MAGIC.length + 8;
    static final int RECORD_BYTES = 16 + 16 + 4;
    /** Records beyond twice the live facts that trigger a compaction. */
    static final int COMPACTION_SLACK = 10_000;
    public static final int MIN_KEY_BYTES = 32;

    private final Path directory;
    /** Keyed hashing per thread: it happens outside the lock. */
    private final PerThreadHmac mac;
    private final byte[] fingerprint;
    private final int maxPerSender;
    private final int maxTotal;
    private final int compactionSlack;

    /** Every fact, least recently used first; the value is its sender. */
    private final LinkedHashMap<Hash, Hash> facts = new LinkedHashMap<>();
    /** The facts of each sender, least recently used first. */
    private final Map<Hash, LinkedHashSet<Hash>> bySender = new HashMap<>();
    private FileChannel log;
    private long logRecords;
    private int compactions;

    private SendingHistory(Path directory, byte[] key, int maxPerSender, int maxTotal, int compactionSlack) {
        this.directory = directory;
        // the lookalike check hashes ~1,000 short inputs for a domain never written to
        this.mac = new PerThreadHmac(key);
        this.maxPerSender = maxPerSender;
        this.maxTotal = maxTotal;
        this.compactionSlack = compactionSlack;
        this.fingerprint = Arrays.copyOf(mac("sendguard-history-key-fingerprint"), 8);
    }

    /**
     * Opens (or creates) the history in {@code directory}.
     *
     * @param key          the HMAC key, at least {@value #MIN_KEY_BYTES} bytes
     * @param maxPerSender facts kept per sender at most
     * @param maxTotal     facts kept in all at most
     */
    public static SendingHistory open(Path directory, byte[] key, int maxPerSender, int maxTotal) throws IOException {
        return open(directory, key, maxPerSender, maxTotal, COMPACTION_SLACK);
    }

    static SendingHistory open(Path directory, byte[] key, int maxPerSender, int maxTotal, int compactionSlack) throws IOException {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the history key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        if (maxPerSender < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("the history bounds must be positive");
        }
        Files.createDirectories(directory);
        SendingHistory history = new SendingHistory(directory, key, maxPerSender, maxTotal, compactionSlack);
        history.load();
        return history;
    }

    /** Whether {@code sender} has sent to {@code fact} before (a fact such as {@code d:example.com}). */
    public boolean contains(String sender, String fact) {
        Hash hash = factHash(sender, fact);
        synchronized (this) {
            ensureOpen();
            return facts.containsKey(hash);
        }
    }

    /** The first of {@code candidates} that {@code sender} has sent to before, if any. */
    public java.util.Optional<String> firstKnown(String sender, Collection<String> candidates) {
        List<String> ordered = new ArrayList<>(candidates);
        Hash[] hashes = new Hash[ordered.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = factHash(sender, ordered.get(i));
        }
        synchronized (this) {
            ensureOpen();
            for (int i = 0; i < hashes.length; i++) {
                if (facts.containsKey(hashes[i])) {
                    return java.util.Optional.of(ordered.get(i));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Records that {@code sender} sent to each of {@code sentTo}, written to the OS before returning. */
    public void add(String sender, Collection<String> sentTo) throws IOException {
        if (sentTo.isEmpty()) {
            synchronized (this) {
                ensureOpen();
            }
            return;
        }
        // hashed before taking the lock, as in contains: the spool threads only queue for the map and the write
        Hash senderHash = senderHash(sender);
        LinkedHashSet<String> distinct = new LinkedHashSet<>(sentTo);
        List<Hash> factHashes = new ArrayList<>(distinct.size());
        for (String fact : distinct) {
            factHashes.add(factHash(sender, fact));
        }
        synchronized (this) {
            append(senderHash, factHashes);
        }
    }

    private void append(Hash senderHash, List<Hash> factHashes) throws IOException {
        ensureOpen();
        ByteBuffer buffer = ByteBuffer.allocate(RECORD_BYTES * factHashes.size());
        for (Hash factHash : factHashes) {
            apply(senderHash, factHash);
            writeRecord(buffer, senderHash, factHash);
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            log.write(buffer);
        }
        logRecords += factHashes.size();
        if (logRecords > 2L * facts.size() + compactionSlack) {
            compact();
        }
    }

    /** Facts kept in all. */
    public synchronized int size() {
        return facts.size();
    }

    /** Facts kept for one sender. */
    public synchronized int sizeOf(String sender) {
        LinkedHashSet<Hash> own = bySender.get(senderHash(sender));
        return own == null ? 0 : own.size();
    }

    /** Compactions done since opening. */
    synchronized int compactions() {
        return compactions;
    }

    /** Writes the live facts to a new log and puts it in place of the old one atomically. */
    public synchronized void compact() throws IOException {
        ensureOpen();
        Path temporary = directory.resolve(TEMPORARY_FILE);
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, header());
            ByteBuffer buffer = ByteBuffer.allocate(RECORD_BYTES * 1024);
            for (Map.Entry<Hash, Hash> entry : facts.entrySet()) {
                if (buffer.remaining() < RECORD_BYTES) {
                    buffer.flip();
                    writeFully(out, buffer);
                    buffer.clear();
                }
                writeRecord(buffer, entry.getValue(), entry.getKey());
            }
            buffer.flip();
            writeFully(out, buffer);
            out.force(true);
        }
        log.close();
        Files.move(temporary, directory.resolve(LOG_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        log = openForAppend();
        logRecords = facts.size();
        compactions++;
        LOGGER.debug("Sending history compacted to {} facts", facts.size());
    }

    @Override
    public synchronized void close() throws IOException {
        if (log != null) {
            log.force(false);
            log.close();
            log = null;
        }
    }

    private void ensureOpen() {
        if (log == null) {
            throw new IllegalStateException("the sending history is closed");
        }
    }

    private void apply(Hash sender, Hash fact) {
        Hash previous = facts.remove(fact);
        if (previous != null) {
            LinkedHashSet<Hash> own = bySender.get(previous);
            if (own != null) {
                own.remove(fact);
            }
        }
        facts.put(fact, sender);
        LinkedHashSet<Hash> own = bySender.computeIfAbsent(sender, s -> new LinkedHashSet<>());
        own.add(fact);
        if (own.size() > maxPerSender) {
            Iterator<Hash> oldest = own.iterator();
            facts.remove(oldest.next());
            oldest.remove();
        }
        while (facts.size() > maxTotal) {
            Iterator<Map.Entry<Hash, Hash>> oldest = facts.entrySet().iterator();
            Map.Entry<Hash, Hash> entry = oldest.next();
            oldest.remove();
            LinkedHashSet<Hash> ofSender = bySender.get(entry.getValue());
            ofSender.remove(entry.getKey());
            if (ofSender.isEmpty()) {
                bySender.remove(entry.getValue());
            }
        }
    }

    private void load() throws IOException {
        Files.deleteIfExists(directory.resolve(TEMPORARY_FILE));
        Path file = directory.resolve(LOG_FILE);
        if (Files.exists(file)) {
            long goodBytes = replay(file);
            if (goodBytes < 0) {
                Files.move(file, directory.resolve(SET_ASIDE_FILE), StandardCopyOption.REPLACE_EXISTING);
                LOGGER.warn("Sending history in {} was written with another key: set aside as {}, starting empty",
                    directory, SET_ASIDE_FILE);
            } else if (goodBytes < Files.size(file)) {
                LOGGER.warn("Sending history in {}: {} byte(s) of an incomplete or damaged tail ignored", directory,
                    Files.size(file) - goodBytes);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(goodBytes);
                    channel.force(true);
                }
            }
        }
        if (!Files.exists(file)) {
            Path temporary = directory.resolve(TEMPORARY_FILE);
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(out, header());
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory();
        }
        log = openForAppend();
        if (logRecords > 2L * facts.size() + compactionSlack) {
            compact();
        }
    }

    /** Replays the log; the number of bytes that were good, or -1 when it belongs to another key. */
    private long replay(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = new byte[HEADER_BYTES];
            if (in.readNBytes(header, 0, HEADER_BYTES) < HEADER_BYTES
                || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
                return 0;
            }
            if (!Arrays.equals(Arrays.copyOfRange(header, MAGIC.length, HEADER_BYTES), fingerprint)) {
                return -1;
            }
            long good = HEADER_BYTES;
            byte[] record = new byte[RECORD_BYTES];
            CRC32 crc = new CRC32();
            while (true) {
                int read = in.readNBytes(record, 0, RECORD_BYTES);
                if (read < RECORD_BYTES) {
                    return good;
                }
                crc.reset();
                crc.update(record, 0, 32);
                if ((int) crc.getValue() != ByteBuffer.wrap(record, 32, 4).getInt()) {
                    return good;
                }
                ByteBuffer b = ByteBuffer.wrap(record);
                Hash sender = new Hash(b.getLong(), b.getLong());
                Hash fact = new Hash(b.getLong(), b.getLong());
                apply(sender, fact);
                logRecords++;
                good += RECORD_BYTES;
            }
        } catch (EOFException e) {
            return 0;
        }
    }

    private FileChannel openForAppend() throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(LOG_FILE), StandardOpenOption.WRITE);
        channel.position(channel.size());
        return channel;
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can force a directory; the rename itself is atomic
        }
    }

    private ByteBuffer header() {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(MAGIC).put(fingerprint).flip();
        return header;
    }

    private static void writeRecord(ByteBuffer buffer, Hash sender, Hash fact) {
        int start = buffer.position();
        buffer.putLong(sender.high).putLong(sender.low).putLong(fact.high).putLong(fact.low);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), start, 32);
        buffer.putInt((int) crc.getValue());
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private Hash senderHash(String sender) {
        return Hash.of(mac("s\u0000" + sender));
    }

    private Hash factHash(String sender, String fact) {
        return Hash.of(mac("f\u0000" + sender + "\u0000" + fact));
    }

    private byte[] mac(String input) {
        return mac.hash(input.getBytes(StandardCharsets.UTF_8));
    }

    /** 128 bits of an HMAC. */
    static final class Hash {
        final long high;
        final long low;

        Hash(long high, long low) {
            this.high = high;
            this.low = low;
        }

        static Hash of(byte[] mac) {
            ByteBuffer b = ByteBuffer.wrap(mac);
            return new Hash(b.getLong(), b.getLong());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hash && ((Hash) o).high == high && ((Hash) o).low == low;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(high * 31 + low);
        }
    }
}
