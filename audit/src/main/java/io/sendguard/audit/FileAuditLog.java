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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * {@code hash} is SHA-256 (hex) over the previous record's hash followed by the record's canonical JSON
 * without the {@code hash} field (what precedes {@code ,"hash":} plus {@code }}), so that changing,
 * removing or reordering any record breaks the chain at that record ({@link #verify()}). The first
 * record links to {@value #GENESIS_HASH_DESCRIPTION}.
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

    private FileAuditLog(Path directory, AuditSettings settings, Clock clock) {
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
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
            body.putAll(stored.toJson());
            String bodyJson = Json.write(body);
            String hash = sha256(lastHash + bodyJson);
            String line = bodyJson.substring(0, bodyJson.length() - 1) + ",\"hash\":\"" + hash + "\"}";
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                rotateIfNeeded(stored.time().orElseThrow(), bytes.length, seq);
                writeFully(bytes);
            } catch (IOException e) {
                rollback();
                throw new AuditException("Could not write to the audit trail: " + e.getMessage(), e);
            }
            currentSize += bytes.length;
            record = new AuditRecord(seq, lastHash, hash, stored, line);
            lastSeq = seq;
            lastHash = hash;
        }
        if (syncer == null) {
            awaitDurable(record.seq());
        }
        return record;
    }

    private void startPeriodicSync() {
        if (settings.sync().isZero()) {
            return;
        }
        syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sendguard-audit-sync");
            t.setDaemon(true);
            return t;
        });
        long millis = settings.sync().toMillis();
        syncer.scheduleWithFixedDelay(this::periodicSync, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void periodicSync() {
        long written;
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            written = lastSeq;
        }
        try {
            awaitDurable(written);
        } catch (RuntimeException e) {
            LOGGER.error("Audit trail: periodic sync failed, will retry: {}", e.getMessage());
        }
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
        Path tmp = directory.resolve(ANCHOR_FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((Json.write(anchor) + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, directory.resolve(ANCHOR_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory();
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

    private static final class Anchor {
        final String file;
        final long seq;
        final String prevHash;

        Anchor(String file, long seq, String prevHash) {
            this.file = file;
            this.seq = seq;
            this.prevHash = prevHash;
        }
    }

    private Optional<Anchor> readAnchor() {
        Path path = directory.resolve(ANCHOR_FILE);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> map = Json.parseObject(Files.readString(path, StandardCharsets.UTF_8).trim());
            return Optional.of(new Anchor((String) map.get("file"), (Long) map.get("seq"), (String) map.get("prevHash")));
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

        Snapshot(List<Path> files, Path current, long currentSize) {
            this.files = files;
            this.current = current;
            this.currentSize = currentSize;
        }

        long readableBytes(Path file) throws IOException {
            return file.equals(current) ? currentSize : Files.size(file);
        }
    }

    private Snapshot snapshot() throws IOException {
        synchronized (writeLock) {
            return new Snapshot(files(), currentFile, currentSize);
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
            long[] expectedSeq = {anchor.map(a -> a.seq).orElse(1L)};
            String[] expectedPrev = {anchor.map(a -> a.prevHash).orElse(GENESIS_HASH)};
            long[] records = {0};
            Verification[] broken = {null};
            if (anchor.isPresent() && !snapshot.files.isEmpty()
                    && !snapshot.files.get(0).getFileName().toString().equals(anchor.get().file)) {
                return Verification.broken(0, snapshot.files.get(0).getFileName().toString(), 1, expectedSeq[0],
                    "the oldest file is not the one the anchor names (" + anchor.get().file + ")");
            }
            for (Path file : snapshot.files) {
                String name = file.getFileName().toString();
                eachLine(file, snapshot.readableBytes(file), (lineNo, line, terminated) -> {
                    String problem = terminated ? check(line, expectedSeq[0], expectedPrev[0]) : "incomplete last line (no line end)";
                    if (problem != null) {
                        broken[0] = Verification.broken(records[0], name, lineNo, expectedSeq[0], problem);
                        return false;
                    }
                    Matcher tail = TAIL.matcher(line);
                    tail.find();
                    expectedPrev[0] = tail.group(1);
                    expectedSeq[0]++;
                    records[0]++;
                    return true;
                });
                if (broken[0] != null) {
                    return broken[0];
                }
            }
            return Verification.ok(records[0], expectedSeq[0] - 1, expectedPrev[0]);
        } catch (IOException e) {
            throw new AuditException("Could not read the audit trail: " + e.getMessage(), e);
        }
    }

    /** @return null when the line is the expected next record, else why not */
    private static String check(String line, long expectedSeq, String expectedPrev) {
        Matcher tail = TAIL.matcher(line);
        if (!tail.find()) {
            return "no hash at the end of the record";
        }
        String body = line.substring(0, tail.start()) + "}";
        Map<String, Object> map;
        try {
            map = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            return "not valid JSON: " + e.getMessage();
        }
        Object seq = map.get("seq");
        Object prevHash = map.get("prevHash");
        if (!(seq instanceof Long)) {
            return "no seq";
        }
        if ((Long) seq != expectedSeq) {
            return "seq " + seq + " where " + expectedSeq + " was expected (a record is missing or out of order)";
        }
        if (!expectedPrev.equals(prevHash)) {
            return "prevHash does not match the previous record's hash (a record is missing, out of order or changed)";
        }
        if (!sha256(expectedPrev + body).equals(tail.group(1))) {
            return "hash mismatch: the record was changed";
        }
        if (!Json.write(map).equals(body)) {
            return "not in canonical form";
        }
        return null;
    }

    /** One SHA-256 per thread (MessageDigest.getInstance looks the provider up on every call). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    static String sha256(String text) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder(64);
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void close() {
        ScheduledExecutorService background = syncer;
        if (background != null) {
            background.shutdownNow();
        }
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (channel != null) {
                try {
                    channel.force(false);
                    channel.close();
                } catch (IOException e) {
                    LOGGER.error("Audit trail: could not close {}: {}", currentFile, e.toString());
                }
            }
        }
    }
}
