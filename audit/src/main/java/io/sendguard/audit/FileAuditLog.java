package io.sendguard.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as append-only JSON Lines files in one directory, one record per line:
 *
 * <pre>{"seq":7,"prevHash":"…","time":"…","type":"HELD",…,"hash":"…"}</pre>
 *
 * {@code hash} is HMAC-SHA256 (hex; {@link AuditChain}, under a key derived from {@code audit.hashKey}, records marked
 * {@code "chain":"hmac-sha256"}) over the previous record's hash followed by the record's canonical JSON
 * without the {@code hash} field (what precedes {@code ,"hash":} plus {@code }}), so that changing,
 * removing or reordering any record breaks the chain at that record ({@link #verify()}), and whoever can
 * write the files but does not hold the key cannot recompute it. Records written before (or without a hash
 * key) are plain SHA-256 and are accepted only before the first keyed record. The first record links to
 * {@value #GENESIS_HASH_DESCRIPTION}.
 *
 * <p>Beside the records: {@value #ANCHOR_FILE} (where the chain starts after retention) and {@value #HEAD_FILE}
 * (a checkpoint of the last durable record, written every second), both sealed with the key: a trail cut at
 * its start or its end with these files rewritten no longer verifies. While James runs, verification also
 * compares the end of the files with the last record this process wrote.
 *
 * <p>A write that fails is counted ({@link #failedWrites()}), logged at ERROR and reported by
 * {@link #lastFailure()} until a write succeeds again.
 *
 * <p>Durability: {@link #append} returns only once the line is on disk (fdatasync; appends arriving
 * together share one sync: group commit). A crash may leave a partial last line, which was never
 * acknowledged: {@link #open} cuts it off and the chain goes on from the last whole record.
 *
 * <p>Files are named {@code audit-<UTC time of the first record>-<its seq>.jsonl}; a new one starts past
 * {@link AuditSettings#rotateBytes()} or on a new UTC day, its first record linking to the previous
 * file's last. Files older than {@link AuditSettings#retention()} are deleted (never the current one);
 * the first record then kept is written to {@value #ANCHOR_FILE} (seq and prevHash), where verification
 * starts.
 */
public final class FileAuditLog implements AuditLog {
    private static final Logger LOGGER = LoggerFactory.getLogger(FileAuditLog.class);
    static final String GENESIS_HASH_DESCRIPTION = "64 zeros";
    public static final String GENESIS_HASH = "0".repeat(64);
    public static final String ANCHOR_FILE = "anchor.json";
    public static final String HEAD_FILE = "head.json";
    private static final Pattern FILE_NAME = Pattern.compile("audit-(\\d{8}T\\d{9}Z)-(\\d{12})\\.jsonl");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
        .withZone(ZoneOffset.UTC);
    private static final Pattern TAIL = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");
    private static final Pattern HEAD = Pattern.compile("^\\{\"seq\":(\\d+),\"prevHash\":\"([0-9a-f]{64})\",");

    private final Path directory;
    private final AuditSettings settings;
    private final Clock clock;

    private final Object writeLock = new Object();
    private final Object syncLock = new Object();
    // guarded by writeLock
    private FileChannel channel;
    private Path currentFile;
    private Instant currentFileStart;
    private long currentSize;
    private long lastSeq;
    private String lastHash;
    private boolean closed;
    // guarded by syncLock
    private long durableSeq;
    /** Syncs in the background when {@code audit.sync} is a delay; null when every append syncs. */
    private volatile ScheduledExecutorService syncer;
    private final boolean syncEachAppend;
    private final AuditChain chain;
    // guarded by syncLock: the last checkpoint written by this process (-1 none)
    private long checkpointSeq = -1;
    private boolean checkpointFrozen;
    private final java.util.concurrent.atomic.AtomicLong failedWrites = new java.util.concurrent.atomic.AtomicLong();
    private volatile String lastFailure;
    private volatile Runnable onWriteFailure = () -> { };

    private FileAuditLog(Path directory, AuditSettings settings, Clock clock) {
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
        this.syncEachAppend = settings.sync().isZero();
        this.chain = settings.chain();
    }

    /**
     * Opens (or creates) the trail in {@code directory}, repairing a torn last line.
     *
     * @throws AuditException when the directory cannot be used or its last record cannot be read
     */
    public static FileAuditLog open(Path directory, AuditSettings settings, Clock clock) {
        FileAuditLog log = new FileAuditLog(directory, settings, clock);
        try {
            Files.createDirectories(directory);
            log.recover();
            log.applyRetention(clock.instant());
        } catch (IOException e) {
            throw new AuditException("Cannot open the audit trail in " + directory + ": " + e.getMessage(), e);
        }
        log.startPeriodicSync();
        return log;
    }

    public Path directory() {
        return directory;
    }

    // ---------------------------------------------------------------- opening

    private void recover() throws IOException {
        List<Path> files = files();
        while (!files.isEmpty()) {
            Path last = files.get(files.size() - 1);
            repairTail(last);
            if (Files.size(last) > 0) {
                break;
            }
            LOGGER.warn("Audit trail: removing empty file {} (created, never written)", last.getFileName());
            Files.delete(last);
            fsyncDirectory();
            files.remove(files.size() - 1);
        }
        Optional<Anchor> anchor = readAnchor();
        if (files.isEmpty()) {
            lastSeq = anchor.map(a -> a.seq - 1).orElse(0L);
            lastHash = anchor.map(a -> a.prevHash).orElse(GENESIS_HASH);
        } else {
            Path last = files.get(files.size() - 1);
            String line = lastLine(last);
            Matcher head = HEAD.matcher(line);
            Matcher tail = TAIL.matcher(line);
            if (!head.find() || !tail.find()) {
                throw new AuditException("The last record of audit file " + last + " cannot be read: the trail was "
                    + "changed by hand? Check it (GET /sendguard/audit/verify on a copy) and move the file aside");
            }
            lastSeq = Long.parseLong(head.group(1));
            lastHash = tail.group(1);
            currentFile = last;
            currentFileStart = startOf(last);
            channel = FileChannel.open(last, StandardOpenOption.WRITE);
            currentSize = channel.size();
            channel.position(currentSize);
        }
        durableSeq = lastSeq;
        Optional<Head> head;
        try {
            head = readHead();
        } catch (AuditException e) {
            // verify reports it; a damaged checkpoint must not stop James
            checkpointFrozen = true;
            head = Optional.empty();
            LOGGER.error("Audit trail {}: {}", directory, e.getMessage());
        }
        if (head.isPresent() && head.get().seq > lastSeq) {
            // never overwrite the evidence: verify keeps reporting the cut until an admin looks at it
            checkpointFrozen = true;
            LOGGER.error("Audit trail {}: the trail ends at seq {} but the checkpoint {} names seq {}: records were removed."
                + " Verification reports it; move the trail aside after checking it", directory, lastSeq, HEAD_FILE, head.get().seq);
        }
        LOGGER.info("Audit trail {} open: {} file(s), last seq {}", directory, files.size(), lastSeq);
    }

    /**
     * Cuts off what follows the last line end (a write torn by a crash), and a last line holding NUL bytes
     * (a page that never reached the disk). Neither was ever acknowledged.
     */
    private void repairTail(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (true) {
            int lastNewline = end - 1;
            while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
                lastNewline--;
            }
            if (lastNewline < end - 1) {
                end = lastNewline + 1;
                continue;
            }
            if (end == 0) {
                break;
            }
            int start = end - 2;
            while (start >= 0 && bytes[start] != '\n') {
                start--;
            }
            boolean hasNul = false;
            for (int i = start + 1; i < end - 1; i++) {
                hasNul |= bytes[i] == 0;
            }
            if (!hasNul) {
                break;
            }
            end = start + 1;
        }
        if (end < bytes.length) {
            LOGGER.warn("Audit trail: {} ends with {} byte(s) of an unfinished write (a crash): cut off, never acknowledged",
                file.getFileName(), bytes.length - end);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
                ch.force(true);
            }
        }
    }

    private static String lastLine(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length - 1;
        int start = end - 1;
        while (start >= 0 && bytes[start] != '\n') {
            start--;
        }
        return new String(bytes, start + 1, end - start - 1, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- appending

    @Override
    public AuditRecord append(AuditEvent event) {
        AuditEvent stamped = event.time().isPresent() ? event : event.toBuilder().time(clock.instant()).build();
        AuditEvent stored = masked(stamped);
        AuditRecord record;
        synchronized (writeLock) {
            if (closed) {
                throw new AuditException("The audit trail is closed");
            }
            long seq = lastSeq + 1;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("seq", seq);
            body.put("prevHash", lastHash);
            if (chain.isKeyed()) {
                body.put(AuditChain.FIELD, AuditChain.KEYED);
            }
            body.putAll(stored.toJson());
            String bodyJson = Json.write(body);
            String hash = chain.recordHash(chain.isKeyed(), lastHash, bodyJson);
            String line = bodyJson.substring(0, bodyJson.length() - 1) + ",\"hash\":\"" + hash + "\"}";
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                rotateIfNeeded(stored.time().orElseThrow(), bytes.length, seq);
                writeFully(bytes);
            } catch (IOException | RuntimeException e) {
                rollback();
                throw failed(new AuditException("Could not write to the audit trail: " + e.getMessage(), e));
            }
            currentSize += bytes.length;
            record = new AuditRecord(seq, lastHash, hash, stored, line);
            lastSeq = seq;
            lastHash = hash;
        }
        if (syncEachAppend) {
            try {
                awaitDurable(record.seq());
            } catch (AuditException e) {
                throw failed(e);
            }
        }
        lastFailure = null;
        return record;
    }

    /** Counts and logs a failed write; the caller throws what this returns. */
    private AuditException failed(AuditException e) {
        long count = failedWrites.incrementAndGet();
        lastFailure = e.getMessage();
        LOGGER.error("Audit trail: an event could not be recorded ({} failed write(s) since start): {}", count, e.getMessage());
        try {
            onWriteFailure.run();
        } catch (RuntimeException ignored) {
            // counting must not hide the failure itself
        }
        return e;
    }

    /** Runs {@code action} after each failed write (e.g. a metric). */
    public void onWriteFailure(Runnable action) {
        this.onWriteFailure = action;
    }

    @Override
    public long failedWrites() {
        return failedWrites.get();
    }

    @Override
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private void startPeriodicSync() {
        if (syncEachAppend && !chain.isKeyed()) {
            return;
        }
        syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sendguard-audit-sync");
            t.setDaemon(true);
            return t;
        });
        long millis = syncEachAppend ? 1000 : settings.sync().toMillis();
        syncer.scheduleWithFixedDelay(this::periodicSync, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void periodicSync() {
        long written;
        String hash;
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            written = lastSeq;
            hash = lastHash;
        }
        try {
            awaitDurable(written);
            checkpoint(written, hash);
        } catch (RuntimeException e) {
            failed(e instanceof AuditException ? (AuditException) e
                : new AuditException("periodic sync failed: " + e.getMessage(), e));
        }
    }

    /** Writes {@value #HEAD_FILE}: the last durable record, sealed (keyed chains only). */
    private void checkpoint(long seq, String hash) {
        if (!chain.isKeyed() || seq == 0) {
            return;
        }
        synchronized (syncLock) {
            if (seq == checkpointSeq || checkpointFrozen) {
                return;
            }
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("seq", seq);
            head.put("hash", hash);
            head.put("mac", chain.seal("head", seq + "\n" + hash));
            try {
                writeAtomically(HEAD_FILE, Json.write(head));
            } catch (IOException e) {
                throw new AuditException("Could not write the audit checkpoint " + HEAD_FILE + ": " + e.getMessage(), e);
            }
            checkpointSeq = seq;
        }
    }

    /** Syncs and writes the checkpoint now (tests; otherwise every second). */
    void checkpointNow() {
        long written;
        String hash;
        synchronized (writeLock) {
            written = lastSeq;
            hash = lastHash;
        }
        awaitDurable(written);
        checkpoint(written, hash);
    }

    private void writeAtomically(String name, String json) throws IOException {
        Path tmp = directory.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory();
    }

    /** The highest sequence number known to be on disk (tests). */
    long durableSeq() {
        synchronized (syncLock) {
            return durableSeq;
        }
    }

    /** Every record appended so far is on disk when this returns (also with a periodic {@code audit.sync}). */
    public void sync() {
        long written;
        synchronized (writeLock) {
            written = lastSeq;
        }
        awaitDurable(written);
    }

    private AuditEvent masked(AuditEvent event) {
        AddressPolicy senders = settings.senders();
        AddressPolicy recipients = settings.recipients();
        if (!senders.isHashed() && !recipients.isHashed()) {
            return event;
        }
        AuditEvent.Builder b = event.toBuilder()
            .sender(senders.apply(event.sender().orElse(null)))
            .recipients(event.recipients().stream().map(recipients::apply).collect(Collectors.toList()));
        event.actor().filter(a -> a.contains("@")).ifPresent(a -> b.actor(senders.apply(a)));
        return b.build();
    }

    private void writeFully(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** After a failed write: cut the file back to the last whole record so that the chain stays intact. */
    private void rollback() {
        try {
            if (channel != null && channel.isOpen()) {
                channel.truncate(currentSize);
                channel.position(currentSize);
            }
        } catch (IOException e) {
            LOGGER.error("Audit trail: could not cut back {} after a failed write: {}", currentFile, e.toString());
        }
    }

    /** Group commit: one fdatasync covers every record written before it. */
    private void awaitDurable(long seq) {
        synchronized (syncLock) {
            if (durableSeq >= seq) {
                return;
            }
            long target;
            FileChannel ch;
            synchronized (writeLock) {
                target = lastSeq;
                ch = channel;
            }
            try {
                ch.force(false);
            } catch (ClosedChannelException e) {
                // rotated (or closed) meanwhile: the file was synced before it was closed
            } catch (IOException e) {
                throw new AuditException("Could not sync the audit trail: " + e.getMessage(), e);
            }
            durableSeq = Math.max(durableSeq, target);
        }
    }

    private void rotateIfNeeded(Instant time, int length, long seq) throws IOException {
        boolean rotate = channel == null
            || (settings.rotateBytes() > 0 && currentSize > 0 && currentSize + length > settings.rotateBytes())
            || (settings.rotateDaily() && !currentFileStart.truncatedTo(ChronoUnit.DAYS).equals(time.truncatedTo(ChronoUnit.DAYS)));
        if (!rotate) {
            return;
        }
        if (channel != null) {
            channel.force(false);
            channel.close();
            // a failure below leaves no closed channel behind: the next append tries a new file again
            channel = null;
        }
        Path next = directory.resolve(String.format("audit-%s-%012d.jsonl", NAME_TIME.format(time), seq));
        channel = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        fsyncDirectory();
        boolean first = currentFile == null;
        currentFile = next;
        currentFileStart = time;
        currentSize = 0;
        if (!first) {
            LOGGER.info("Audit trail: new file {} from seq {}", next.getFileName(), seq);
            applyRetention(clock.instant());
        }
    }

    private void fsyncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory; the file's own sync still covers its content
            LOGGER.debug("Audit trail: directory sync not supported: {}", e.toString());
        }
    }

    // ---------------------------------------------------------------- retention

    /**
     * Deletes the oldest files whose records all lie before {@code now - retention} (a file's records end
     * where the next file starts); never the current file. The first kept record becomes the anchor.
     */
    void applyRetention(Instant now) throws IOException {
        if (settings.retention().isZero()) {
            return;
        }
        Instant limit = now.minus(settings.retention());
        List<Path> files = files();
        int deletable = 0;
        while (deletable < files.size() - 1 && startOf(files.get(deletable + 1)).isBefore(limit)) {
            deletable++;
        }
        if (deletable == 0) {
            return;
        }
        Path firstKept = files.get(deletable);
        String firstLine = firstLine(firstKept);
        Matcher head = HEAD.matcher(firstLine);
        if (!head.find()) {
            LOGGER.error("Audit trail: retention skipped, the first record of {} cannot be read", firstKept.getFileName());
            return;
        }
        Map<String, Object> anchor = new LinkedHashMap<>();
        anchor.put("file", firstKept.getFileName().toString());
        anchor.put("seq", Long.parseLong(head.group(1)));
        anchor.put("prevHash", head.group(2));
        anchor.put("deletedThrough", files.get(deletable - 1).getFileName().toString());
        anchor.put("at", now.toString());
        if (chain.isKeyed()) {
            anchor.put("mac", chain.seal("anchor", anchorContent(firstKept.getFileName().toString(),
                Long.parseLong(head.group(1)), head.group(2))));
        }
        writeAtomically(ANCHOR_FILE, Json.write(anchor));
        for (int i = 0; i < deletable; i++) {
            Files.delete(files.get(i));
        }
        fsyncDirectory();
        LOGGER.info("Audit trail: retention deleted {} file(s) before {}; the chain now starts at seq {}", deletable, limit,
            head.group(1));
    }

    private static String firstLine(Path file) throws IOException {
        String[] first = {""};
        eachLine(file, Files.size(file), (lineNo, line, terminated) -> {
            first[0] = line;
            return false;
        });
        return first[0];
    }

    private static String anchorContent(String file, long seq, String prevHash) {
        return file + "\n" + seq + "\n" + prevHash;
    }

    private static final class Anchor {
        final String file;
        final long seq;
        final String prevHash;
        final String mac;

        Anchor(String file, long seq, String prevHash, String mac) {
            this.file = file;
            this.seq = seq;
            this.prevHash = prevHash;
            this.mac = mac;
        }
    }

    /** The checkpoint: the last record known durable when it was written. */
    private static final class Head {
        final long seq;
        final String hash;
        final String mac;

        Head(long seq, String hash, String mac) {
            this.seq = seq;
            this.hash = hash;
            this.mac = mac;
        }
    }

    private Optional<Head> readHead() {
        Path path = directory.resolve(HEAD_FILE);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> map = Json.parseObject(Files.readString(path, StandardCharsets.UTF_8).trim());
            return Optional.of(new Head((Long) map.get("seq"), (String) map.get("hash"), (String) map.get("mac")));
        } catch (IOException | RuntimeException e) {
            throw new AuditException("The audit checkpoint " + path + " cannot be read: " + e.getMessage());
        }
    }

    private Optional<Anchor> readAnchor() {
        Path path = directory.resolve(ANCHOR_FILE);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> map = Json.parseObject(Files.readString(path, StandardCharsets.UTF_8).trim());
            return Optional.of(new Anchor((String) map.get("file"), (Long) map.get("seq"), (String) map.get("prevHash"),
                (String) map.get("mac")));
        } catch (IOException | RuntimeException e) {
            throw new AuditException("The audit anchor " + path + " cannot be read: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- reading

    /** The files of the trail, oldest first. */
    List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> FILE_NAME.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingLong(FileAuditLog::firstSeqOf))
                .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static long firstSeqOf(Path file) {
        Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(2)) : -1;
    }

    private static Instant startOf(Path file) {
        Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Instant.EPOCH;
        }
        return NAME_TIME.parse(m.group(1), Instant::from);
    }

    /** What may be read without seeing a line being written: every file, the current one up to its size. */
    private static final class Snapshot {
        final List<Path> files;
        final Path current;
        final long currentSize;
        final long lastSeq;
        final String lastHash;

        Snapshot(List<Path> files, Path current, long currentSize, long lastSeq, String lastHash) {
            this.files = files;
            this.current = current;
            this.currentSize = currentSize;
            this.lastSeq = lastSeq;
            this.lastHash = lastHash;
        }

        long readableBytes(Path file) throws IOException {
            return file.equals(current) ? currentSize : Files.size(file);
        }
    }

    private Snapshot snapshot() throws IOException {
        synchronized (writeLock) {
            return new Snapshot(files(), currentFile, currentSize, lastSeq, lastHash);
        }
    }

    /** Visits the lines of a file up to {@code limit} bytes; stops when the visitor returns false. */
    private static void eachLine(Path file, long limit, LineVisitor visitor) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            long remaining = limit;
            long lineNo = 0;
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            int n;
            while (remaining > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining))) != -1) {
                remaining -= n;
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start);
                        start = i + 1;
                        lineNo++;
                        if (!visitor.visit(lineNo, new String(line.toByteArray(), StandardCharsets.UTF_8), true)) {
                            return;
                        }
                        line.reset();
                    }
                }
                line.write(buffer, start, n - start);
            }
            if (line.size() > 0) {
                visitor.visit(lineNo + 1, new String(line.toByteArray(), StandardCharsets.UTF_8), false);
            }
        }
    }

    private interface LineVisitor {
        boolean visit(long lineNo, String line, boolean terminated) throws IOException;
    }

    private static AuditRecord parseRecord(String line) {
        Matcher tail = TAIL.matcher(line);
        if (!tail.find()) {
            throw new IllegalArgumentException("no hash at the end");
        }
        Map<String, Object> map = Json.parseObject(line);
        Object seq = map.remove("seq");
        Object prevHash = map.remove("prevHash");
        map.remove("hash");
        map.remove(AuditChain.FIELD);
        if (!(seq instanceof Long) || !(prevHash instanceof String)) {
            throw new IllegalArgumentException("seq or prevHash missing");
        }
        return new AuditRecord((Long) seq, (String) prevHash, tail.group(1), AuditEvent.fromJson(map), line);
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        List<AuditRecord> found = new ArrayList<>();
        try {
            Snapshot snapshot = snapshot();
            List<Path> files = inRange(snapshot.files, query.from().orElse(null), query.to().orElse(null));
            for (Path file : files) {
                eachLine(file, snapshot.readableBytes(file), (lineNo, line, terminated) -> {
                    if (!terminated) {
                        return false;
                    }
                    AuditRecord record;
                    try {
                        record = parseRecord(line);
                    } catch (RuntimeException e) {
                        LOGGER.warn("Audit trail: {} line {} cannot be read, skipped by the query", file.getFileName(), lineNo);
                        return true;
                    }
                    if (query.matches(record.event(), settings.senders(), settings.recipients())) {
                        found.add(record);
                    }
                    return found.size() < query.limit();
                });
                if (found.size() >= query.limit()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new AuditException("Could not read the audit trail: " + e.getMessage(), e);
        }
        return found;
    }

    /** The files that may hold records of {@code [from, to)}: a file's records end where the next file starts. */
    private static List<Path> inRange(List<Path> files, Instant from, Instant to) {
        List<Path> selected = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Instant start = startOf(files.get(i));
            if (to != null && !start.isBefore(to)) {
                break;
            }
            if (from != null && i + 1 < files.size() && !startOf(files.get(i + 1)).isAfter(from)) {
                continue;
            }
            selected.add(files.get(i));
        }
        return selected;
    }

    @Override
    public long export(Instant from, Instant to, OutputStream out) throws IOException {
        AuditQuery range = AuditQuery.all().from(from).to(to);
        long[] count = {0};
        Snapshot snapshot = snapshot();
        for (Path file : inRange(snapshot.files, from, to)) {
            eachLine(file, snapshot.readableBytes(file), (lineNo, line, terminated) -> {
                if (!terminated) {
                    return false;
                }
                try {
                    if (!range.matches(parseRecord(line).event(), settings.senders(), settings.recipients())) {
                        return true;
                    }
                } catch (RuntimeException e) {
                    // exported as stored: a damaged line is for verify() to report
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                count[0]++;
                return true;
            });
        }
        out.flush();
        return count[0];
    }

    // ---------------------------------------------------------------- verification

    @Override
    public Verification verify() {
        try {
            Snapshot snapshot = snapshot();
            Optional<Anchor> anchor = readAnchor();
            Optional<Head> head = readHead();
            String first = snapshot.files.isEmpty() ? ANCHOR_FILE : snapshot.files.get(0).getFileName().toString();
            if (anchor.isPresent() && !snapshot.files.isEmpty() && !first.equals(anchor.get().file)) {
                return Verification.broken(0, first, 1, anchor.get().seq,
                    "the oldest file is not the one the anchor names (" + anchor.get().file + ")");
            }
            boolean anchorSealed = false;
            if (anchor.isPresent() && anchor.get().mac != null) {
                Anchor a = anchor.get();
                if (!chain.isKeyed() || !AuditChain.same(chain.seal("anchor", anchorContent(a.file, a.seq, a.prevHash)), a.mac)) {
                    return Verification.broken(0, ANCHOR_FILE, 1, a.seq, "anchor.json does not match its seal (it was changed)");
                }
                anchorSealed = true;
            }
            if (head.isPresent() && (!chain.isKeyed() || head.get().mac == null
                    || !AuditChain.same(chain.seal("head", head.get().seq + "\n" + head.get().hash), head.get().mac))) {
                return Verification.broken(0, HEAD_FILE, 1, head.get().seq, "head.json does not match its seal (it was changed)");
            }
            boolean anchored = anchor.isPresent();
            ChainCheck check = new ChainCheck(chain, anchor.map(a -> a.seq).orElse(1L),
                anchor.map(a -> a.prevHash).orElse(GENESIS_HASH), anchorSealed,
                head.map(h -> h.seq).orElse(-1L), head.map(h -> h.hash).orElse(null));
            Verification[] broken = {null};
            for (Path file : snapshot.files) {
                String name = file.getFileName().toString();
                eachLine(file, snapshot.readableBytes(file), (lineNo, line, terminated) -> {
                    long expected = check.expectedSeq();
                    String problem = terminated ? check.next(line, anchored) : "incomplete last line (no line end)";
                    if (problem != null) {
                        broken[0] = Verification.broken(check.records(), name, lineNo, expected, problem);
                        return false;
                    }
                    return true;
                });
                if (broken[0] != null) {
                    return broken[0];
                }
            }
            long lastVerified = check.expectedSeq() - 1;
            String end = snapshot.files.isEmpty() ? ANCHOR_FILE : snapshot.files.get(snapshot.files.size() - 1).getFileName().toString();
            if (head.isPresent() && lastVerified < head.get().seq) {
                return Verification.broken(check.records(), end, -1, lastVerified + 1, "the trail ends at seq " + lastVerified
                    + " but the checkpoint head.json names seq " + head.get().seq + ": records were removed from its end");
            }
            if (lastVerified != snapshot.lastSeq || !check.lastHash().equals(snapshot.lastHash)) {
                return Verification.broken(check.records(), end, -1, lastVerified + 1, "the trail ends at seq " + lastVerified
                    + " but this server has written up to seq " + snapshot.lastSeq + ": records were removed or rewritten");
            }
            if (head.isEmpty() && hasCheckpoint()) {
                return Verification.broken(check.records(), HEAD_FILE, -1, lastVerified, "the checkpoint head.json was removed");
            }
            return Verification.ok(check.records(), lastVerified, check.lastHash(), check.unkeyed());
        } catch (IOException e) {
            throw new AuditException("Could not read the audit trail: " + e.getMessage(), e);
        }
    }

    private boolean hasCheckpoint() {
        synchronized (syncLock) {
            return checkpointSeq > 0;
        }
    }

    /** Plain SHA-256, as records written before the chain was keyed are hashed. */
    static String sha256(String text) {
        return AuditChain.sha256(text);
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void close() {
        long finalSeq;
        String finalHash;
        ScheduledExecutorService background = syncer;
        if (background != null) {
            background.shutdownNow();
        }
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            finalSeq = lastSeq;
            finalHash = lastHash;
            if (channel != null) {
                try {
                    channel.force(false);
                    channel.close();
                } catch (IOException e) {
                    LOGGER.error("Audit trail: could not close {}: {}", currentFile, e.toString());
                }
            }
        }
        try {
            checkpoint(finalSeq, finalHash);
        } catch (RuntimeException e) {
            LOGGER.error("Audit trail: could not write the checkpoint at close: {}", e.getMessage());
        }
    }
}
