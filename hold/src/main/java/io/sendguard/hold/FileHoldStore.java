package io.sendguard.hold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Default {@link HoldStore}: plain files under one directory (typically
 * {@code <james working dir>/var/sendguard/hold}). Thread safe within one JVM; not safe for several
 * processes on the same directory.
 *
 * <pre>
 * root/
 *   mails/&lt;first 2 chars of id&gt;/&lt;id&gt;/payload.eml      raw MIME bytes, written once
 *   mails/&lt;first 2 chars of id&gt;/&lt;id&gt;/meta.properties  metadata (see MetadataCodec), replaced atomically
 *   due/&lt;epochMinute&gt;/&lt;dueEpochMillis&gt;-&lt;id&gt;      due-time index markers (empty files)
 *   releasing/&lt;id&gt;                                 marker: mail may be RELEASING (recovery)
 *   journal/&lt;first 2 chars&gt;/&lt;id&gt;                   release journal (recordDispatch)
 *   archive/&lt;first 2 chars&gt;/&lt;id&gt;/                   archived terminal mails
 *   tmp/                                           staging; emptied at startup
 * </pre>
 *
 * A new mail is staged as a complete directory in {@code tmp/}, forced, then renamed into
 * {@code mails/}: it appears entirely or not at all. Metadata changes are write-temp, fsync, atomic
 * rename. Index markers are hints created before and removed after the metadata they reflect, and
 * every reader re-checks the metadata, so a crash between the two writes is harmless.
 *
 * <p>{@link #claimDue} reads only the index entries that are due. {@link #list}, {@link #count} and
 * {@link #countByState} answer from an in-memory copy of the metadata (never payloads), read once at open and
 * replaced on every write under the mail's lock: a page of one sender's mail among 10,000 held mails takes
 * milliseconds, not a read of 10,000 files. {@link #get} still reads the file (the authority).
 */
public final class FileHoldStore implements HoldStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileHoldStore.class);
    static final String PAYLOAD = "payload.eml";
    static final String META = "meta.properties";
    private static final int STRIPES = 1024;
    private static final Comparator<HeldMail> NEWEST_FIRST =
            Comparator.comparing(HeldMail::createdAt).reversed().thenComparing(HeldMail::id);

    private final Path root;
    private final Path mails;
    private final Path releasing;
    private final Path journal;
    private final Path archive;
    private final Path bad;
    private final Clock clock;
    private volatile java.util.function.Consumer<SetAsideMail> setAsideObserver = m -> { };
    private final DurableFiles files;
    private final DueIndex dueIndex;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final AtomicLong metadataReads = new AtomicLong();
    /** The metadata of every live mail, by id; written after the file, under the mail's lock. */
    private final java.util.concurrent.ConcurrentHashMap<HeldMailId, HeldMail> index =
        new java.util.concurrent.ConcurrentHashMap<>();

    private FileHoldStore(Path root, Clock clock, boolean fsync) throws IOException {
        this.root = root;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mails = root.resolve("mails");
        this.releasing = root.resolve("releasing");
        this.journal = root.resolve("journal");
        this.archive = root.resolve("archive");
        this.bad = root.resolve("bad");
        Path tmp = root.resolve("tmp");
        for (Path p : new Path[] {root, mails, releasing, journal, archive, bad, tmp}) {
            Files.createDirectories(p);
        }
        int leftovers = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                DurableFiles.deleteRecursively(p);
                leftovers++;
            }
        }
        if (leftovers > 0) {
            LOG.warn("Removed {} incomplete temporary entries from {} (interrupted writes)", leftovers, tmp);
        }
        this.files = new DurableFiles(tmp, fsync);
        this.dueIndex = new DueIndex(root.resolve("due"), files);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        scan(m -> index.put(m.id(), m));
    }

    /**
     * Opens (creating if needed) a durable store. Leftover temporary files of interrupted writes are
     * removed; RELEASING mails are <em>not</em> recovered automatically: call
     * {@link #recoverReleasing(Instant)} once the release pipeline is ready.
     *
     * @param root  store directory
     * @param clock time source for decisions and claims
     * @return the store
     * @throws HoldStoreException when the directory cannot be prepared
     */
    public static FileHoldStore open(Path root, Clock clock) {
        return open(root, clock, true);
    }

    /**
     * Like {@link #open(Path, Clock)}; {@code fsync=false} skips forcing data to disk (renames stay
     * atomic, so a process crash is still safe but a power loss is not). For tests and benchmark set-up.
     *
     * @param root  store directory
     * @param clock time source
     * @param fsync whether to force writes to stable storage
     * @return the store
     */
    public static FileHoldStore open(Path root, Clock clock, boolean fsync) {
        try {
            return new FileHoldStore(root, clock, fsync);
        } catch (IOException e) {
            throw new HoldStoreException("Cannot open hold store at " + root, e);
        }
    }

    /** @return the store directory */
    public Path root() {
        return root;
    }

    /** Test hook: number of metadata files read since the store was opened. */
    long metadataReads() {
        return metadataReads.get();
    }

    /** Test hook: number of due-index buckets. */
    int dueBucketCount() {
        return dueIndex.bucketCount();
    }

    private static String fanOut(HeldMailId id) {
        return id.asString().substring(0, 2);
    }

    private Path mailDir(HeldMailId id) {
        return mails.resolve(fanOut(id)).resolve(id.asString());
    }

    private ReentrantLock lockFor(HeldMailId id) {
        ReentrantLock lock = locks[Math.floorMod(id.hashCode(), STRIPES)];
        lock.lock();
        return lock;
    }

    private Optional<HeldMail> readMeta(HeldMailId id) {
        return readMetaFile(mailDir(id).resolve(META), id.asString());
    }

    private Optional<HeldMail> readMetaFile(Path file, String what) {
        byte[] bytes;
        try {
            metadataReads.incrementAndGet();
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HoldStoreException("Cannot read metadata of " + what, e);
        }
        try {
            return Optional.of(MetadataCodec.decode(bytes));
        } catch (RuntimeException e) {
            throw new HoldStoreException("Corrupt metadata of " + what + ": " + e.getMessage(), e);
        }
    }

    private HeldMail save(HeldMail.Builder b, HeldMail previous) throws IOException {
        HeldMail updated = b.version(previous.version() + 1).build();
        files.writeAtomically(mailDir(updated.id()).resolve(META), MetadataCodec.encode(updated));
        index.put(updated.id(), updated);
        return updated;
    }

    private void removeDueMarker(HeldMail m) {
        if (m.dueAt().isPresent()) {
            try {
                dueIndex.remove(m.id(), m.dueAt().get());
            } catch (IOException e) {
                LOG.debug("Could not remove due marker of {} (stale marker is harmless)", m.id(), e);
            }
        }
    }

    @Override
    public void put(HeldMail mail, PayloadWriter payload) {
        Objects.requireNonNull(payload, "payload");
        if (mail.state() != HoldState.HELD) {
            throw new IllegalArgumentException("A new held mail must be HELD, was " + mail.state());
        }
        if (mail.recipients().isEmpty()) {
            throw new IllegalArgumentException("A held mail needs at least one recipient");
        }
        HeldMail stored = mail.toBuilder().version(1).build();
        HeldMailId id = stored.id();
        ReentrantLock lock = lockFor(id);
        Path staging = files.newTempPath("put-" + id.asString());
        try {
            Path target = mailDir(id);
            if (Files.exists(target) || Files.exists(archive.resolve(fanOut(id)).resolve(id.asString()))) {
                throw new IllegalStateException("Held mail " + id + " already exists");
            }
            Files.createDirectory(staging);
            files.writeNew(staging.resolve(PAYLOAD), payload);
            files.writeNew(staging.resolve(META), MetadataCodec.encode(stored));
            files.fsyncDir(staging);
            if (stored.dueAt().isPresent()) {
                dueIndex.add(id, stored.dueAt().get());
            }
            files.createDirectories(target.getParent());
            files.moveAtomically(staging, target);
            index.put(id, stored);
        } catch (IOException e) {
            try {
                DurableFiles.deleteRecursively(staging);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new HoldStoreException("Cannot store held mail " + id, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<HeldMail> get(HeldMailId id) {
        return readMeta(id);
    }

    @Override
    public Optional<InputStream> openPayload(HeldMailId id) {
        try {
            return Optional.of(Files.newInputStream(mailDir(id).resolve(PAYLOAD)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HoldStoreException("Cannot open payload of " + id, e);
        }
    }

    /** Streams every readable metadata record to {@code sink}, skipping (and logging) corrupt ones. */
    private void scan(Consumer<HeldMail> sink) {
        try (DirectoryStream<Path> fans = Files.newDirectoryStream(mails)) {
            for (Path fan : fans) {
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(fan)) {
                    for (Path dir : dirs) {
                        try {
                            readMetaFile(dir.resolve(META), dir.getFileName().toString()).ifPresent(sink);
                        } catch (HoldStoreException e) {
                            LOG.warn("Skipping unreadable held mail {}", dir, e);
                        }
                    }
                } catch (NoSuchFileException e) {
                    // fan-out directory vanished concurrently
                }
            }
        } catch (IOException e) {
            throw new HoldStoreException("Cannot scan " + mails, e);
        }
    }

    @Override
    public HoldPage list(HoldQuery query) {
        int keep = query.offset() + query.limit();
        PriorityQueue<HeldMail> best = new PriorityQueue<>(Math.min(keep, 1024) + 1, NEWEST_FIRST.reversed());
        long[] total = {0};
        for (HeldMail m : index.values()) {
            if (query.matches(m)) {
                total[0]++;
                best.add(m);
                if (best.size() > keep) {
                    best.poll();
                }
            }
        }
        List<HeldMail> sorted = new ArrayList<>(best);
        sorted.sort(NEWEST_FIRST);
        List<HeldMail> page = query.offset() >= sorted.size()
                ? new ArrayList<>() : sorted.subList(query.offset(), sorted.size());
        return new HoldPage(page, query.offset(), total[0]);
    }

    @Override
    public long count(HoldState state) {
        return index.values().stream().filter(m -> m.state() == state).count();
    }

    @Override
    public Map<HoldState, Long> countByState() {
        Map<HoldState, Long> counts = new EnumMap<>(HoldState.class);
        for (HoldState s : HoldState.values()) {
            counts.put(s, 0L);
        }
        index.values().forEach(m -> counts.merge(m.state(), 1L, Long::sum));
        return counts;
    }

    @Override
    public List<HeldMail> claimDue(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        List<HeldMail> claimed = new ArrayList<>();
        try {
            for (Long bucket : dueIndex.bucketsUpTo(now)) {
                for (DueIndex.Entry entry : dueIndex.dueEntries(bucket, now)) {
                    try {
                        claimOne(entry, now).ifPresent(claimed::add);
                    } catch (RuntimeException | IOException e) {
                        // one unreadable mail must not stop the release of the others: out of the way with it
                        setAside(entry.id, "cannot be claimed for release: " + e.getMessage());
                        dueIndex.remove(entry);
                        continue;
                    }
                    if (claimed.size() >= limit) {
                        return claimed;
                    }
                }
                dueIndex.pruneIfEmpty(bucket, now);
            }
        } catch (IOException e) {
            throw new HoldStoreException("Cannot read due index", e);
        }
        return claimed;
    }

    private Optional<HeldMail> claimOne(DueIndex.Entry entry, Instant now) throws IOException {
        ReentrantLock lock = lockFor(entry.id);
        try {
            Optional<HeldMail> current = readMeta(entry.id);
            boolean stale = current.isEmpty() || !current.get().state().isClaimable() || current.get().dueAt().isEmpty()
                || current.get().dueAt().get().toEpochMilli() != entry.dueMillis;
            if (stale) {
                // stale marker: mail gone, already claimed/decided, or due time moved (a new marker exists)
                dueIndex.remove(entry);
                return Optional.empty();
            }
            if (!current.get().isDue(now)) {
                // the marker names the due time in milliseconds, the mail in nanoseconds: due within the
                // millisecond, but not yet; the marker stays for the next pass (deleting it lost the mail)
                return Optional.empty();
            }
            HeldMail cur = current.get();
            files.createMarker(releasing.resolve(cur.id().asString()));
            HeldMail updated = save(cur.toBuilder()
                    .state(HoldState.RELEASING)
                    .claimedAt(clock.instant())
                    .releaseAttempts(cur.releaseAttempts() + 1), cur);
            dueIndex.remove(entry);
            return Optional.of(updated);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TransitionResult transition(HeldMailId id, HoldState expected, HoldState target, String actor,
                                       String comment) {
        Objects.requireNonNull(actor, "actor");
        if (!expected.canTransitionTo(target)) {
            throw new IllegalArgumentException("Illegal transition " + expected + " -> " + target);
        }
        ReentrantLock lock = lockFor(id);
        try {
            Optional<HeldMail> current = readMeta(id);
            if (current.isEmpty()) {
                return TransitionResult.notFound();
            }
            HeldMail cur = current.get();
            if (cur.state() != expected) {
                return TransitionResult.conflict(cur);
            }
            Instant now = clock.instant();
            HeldMail.Builder b = cur.toBuilder().state(target).lastDecision(new Decision(actor, comment, now));
            if (target == HoldState.RELEASING) {
                files.createMarker(releasing.resolve(id.asString()));
                b.claimedAt(now).releaseAttempts(cur.releaseAttempts() + 1);
            } else if (target == HoldState.APPROVED) {
                dueIndex.add(id, now);
                b.dueAt(now).attribute(HeldMail.APPROVED_BY, actor);
            }
            HeldMail updated = save(b, cur);
            if (target != HoldState.APPROVED) {
                removeDueMarker(cur);
            } else if (cur.dueAt().isPresent() && !cur.dueAt().get().equals(now)) {
                removeDueMarker(cur);
            }
            if (cur.state() == HoldState.RELEASING) {
                Files.deleteIfExists(releasing.resolve(id.asString()));
            }
            return TransitionResult.applied(updated);
        } catch (IOException e) {
            throw new HoldStoreException("Cannot change state of " + id, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TransitionResult removeRecipient(HeldMailId id, String address, String actor, String comment) {
        return removeRecipients(id, List.of(Objects.requireNonNull(address, "address")), actor, comment);
    }

    @Override
    public TransitionResult removeRecipients(HeldMailId id, List<String> addresses, String actor, String comment) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no recipient to remove");
        }
        Objects.requireNonNull(actor, "actor");
        ReentrantLock lock = lockFor(id);
        try {
            Optional<HeldMail> current = readMeta(id);
            if (current.isEmpty()) {
                return TransitionResult.notFound();
            }
            HeldMail cur = current.get();
            if (!cur.state().isClaimable()) {
                return TransitionResult.conflict(cur);
            }
            List<String> remaining = new ArrayList<>(cur.recipients());
            List<String> removedList = new ArrayList<>(cur.removedRecipients());
            List<String> removedNow = new ArrayList<>();
            for (String address : addresses) {
                String removed = null;
                for (String r : remaining) {
                    if (r.equalsIgnoreCase(address)) {
                        removed = r;
                        break;
                    }
                }
                if (removed == null) {
                    return TransitionResult.noSuchRecipient(cur);
                }
                remaining.remove(removed);
                removedList.add(removed);
                removedNow.add(removed.toLowerCase(Locale.ROOT));
            }
            String why = comment == null || comment.isEmpty()
                    ? "removed recipient " + String.join(", ", removedNow) : comment;
            HeldMail.Builder b = cur.toBuilder().recipients(remaining).removedRecipients(removedList)
                    .lastDecision(new Decision(actor, why, clock.instant()));
            if (remaining.isEmpty()) {
                b.state(HoldState.CANCELLED);
            }
            HeldMail updated = save(b, cur);
            if (remaining.isEmpty()) {
                removeDueMarker(cur);
            }
            return TransitionResult.applied(updated);
        } catch (IOException e) {
            throw new HoldStoreException("Cannot remove recipient of " + id, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TransitionResult recordApproval(HeldMailId id, String approver, String comment, int required) {
        Objects.requireNonNull(approver, "approver");
        return changeExisting(id, "record an approval of", cur -> {
            Instant now = clock.instant();
            ApprovalRule.Outcome outcome = ApprovalRule.outcome(cur, approver, required);
            if (outcome == ApprovalRule.Outcome.ALREADY_APPROVED) {
                return TransitionResult.alreadyApproved(cur);
            }
            Optional<HeldMail.Builder> change = ApprovalRule.apply(cur, approver, comment, required, now);
            if (change.isEmpty()) {
                return TransitionResult.conflict(cur);
            }
            if (outcome == ApprovalRule.Outcome.APPROVED) {
                dueIndex.add(id, now);
            }
            HeldMail updated = save(change.get(), cur);
            if (outcome == ApprovalRule.Outcome.APPROVED && cur.dueAt().isPresent() && !cur.dueAt().get().equals(now)) {
                removeDueMarker(cur);
            }
            return TransitionResult.applied(updated);
        });
    }

    @Override
    public TransitionResult putAttributeIfAbsent(HeldMailId id, HoldState expected, String key, String value) {
        return changeExisting(id, "annotate", cur -> cur.state() != expected || cur.attributes().containsKey(key)
            ? TransitionResult.conflict(cur) : TransitionResult.applied(save(cur.toBuilder().attribute(key, value), cur)));
    }

    /** A change of an existing mail, under its lock: NOT_FOUND when there is none. */
    private TransitionResult changeExisting(HeldMailId id, String what, Change change) {
        ReentrantLock lock = lockFor(id);
        try {
            Optional<HeldMail> current = readMeta(id);
            return current.isEmpty() ? TransitionResult.notFound() : change.apply(current.get());
        } catch (IOException e) {
            throw new HoldStoreException("Cannot " + what + " " + id, e);
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    private interface Change {
        TransitionResult apply(HeldMail current) throws IOException;
    }

    @Override
    public TransitionResult markReleased(HeldMailId id) {
        return leaveReleasing(id, cur -> cur.toBuilder().state(HoldState.RELEASED), "mark " + id + " released");
    }

    /** Applies {@code change} to a RELEASING mail and takes it out of {@code releasing/}. */
    private TransitionResult leaveReleasing(HeldMailId id, java.util.function.Function<HeldMail, HeldMail.Builder> change,
                                            String what) {
        ReentrantLock lock = lockFor(id);
        try {
            Optional<HeldMail> current = readMeta(id);
            if (current.isEmpty()) {
                return TransitionResult.notFound();
            }
            HeldMail cur = current.get();
            if (cur.state() != HoldState.RELEASING) {
                return TransitionResult.conflict(cur);
            }
            HeldMail updated = save(change.apply(cur), cur);
            Files.deleteIfExists(releasing.resolve(id.asString()));
            return TransitionResult.applied(updated);
        } catch (IOException e) {
            throw new HoldStoreException("Cannot " + what, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int recordDispatch(HeldMailId id, int attempt) {
        Path entry = journalEntry(id);
        try {
            files.createDirectories(entry.getParent());
            if (files.createIfAbsent(entry, Integer.toString(attempt).getBytes(StandardCharsets.US_ASCII))) {
                return attempt;
            }
            return dispatchedAttempt(entry);
        } catch (IOException e) {
            throw new HoldStoreException("Cannot write release journal for " + id, e);
        }
    }

    /** The attempt a journal entry holds; an empty entry (written before attempts were recorded) is 0. */
    private static int dispatchedAttempt(Path entry) throws IOException {
        String text = Files.readString(entry, StandardCharsets.US_ASCII).trim();
        try {
            return text.isEmpty() ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException("release journal entry " + entry + " is not an attempt number");
        }
    }

    private Path journalEntry(HeldMailId id) {
        return journal.resolve(fanOut(id)).resolve(id.asString());
    }

    @Override
    public boolean delete(HeldMailId id) {
        return removeTerminal(id, false);
    }

    @Override
    public boolean archive(HeldMailId id) {
        return removeTerminal(id, true);
    }

    private boolean removeTerminal(HeldMailId id, boolean keepInArchive) {
        ReentrantLock lock = lockFor(id);
        try {
            Optional<HeldMail> current = readMeta(id);
            if (current.isEmpty()) {
                return false;
            }
            HeldMail cur = current.get();
            if (!cur.state().isTerminal()) {
                throw new IllegalStateException("Held mail " + id + " is " + cur.state() + ", not terminal");
            }
            if (keepInArchive) {
                Path target = archive.resolve(fanOut(id)).resolve(id.asString());
                files.createDirectories(target.getParent());
                files.moveAtomically(mailDir(id), target);
            } else {
                Path doomed = files.newTempPath("del-" + id.asString());
                files.moveAtomically(mailDir(id), doomed);
                DurableFiles.deleteRecursively(doomed);
                Files.deleteIfExists(journalEntry(id));
            }
            index.remove(id);
            removeDueMarker(cur);
            Files.deleteIfExists(releasing.resolve(id.asString()));
            return true;
        } catch (IOException e) {
            throw new HoldStoreException("Cannot remove held mail " + id, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int recoverReleasing(Instant claimedBefore) {
        return recover(claimedBefore, false);
    }

    @Override
    public int recoverAfterRestart() {
        return recover(Instant.MAX, true);
    }

    /**
     * @param restart true: every RELEASING mail, its journal entry cleared (a copy past the release gate may
     *                have been lost with the process); false: only those no copy has passed the gate for
     */
    private int recover(Instant claimedBefore, boolean restart) {
        List<HeldMailId> candidates = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(releasing)) {
            for (Path p : ds) {
                try {
                    candidates.add(HeldMailId.of(p.getFileName().toString()));
                } catch (IllegalArgumentException e) {
                    // foreign file
                }
            }
        } catch (IOException e) {
            throw new HoldStoreException("Cannot list " + releasing, e);
        }
        int recovered = 0;
        for (HeldMailId id : candidates) {
            try {
                readMeta(id);
            } catch (RuntimeException e) {
                setAside(id, "cannot be recovered for another release: " + e.getMessage());
                continue;
            }
            ReentrantLock lock = lockFor(id);
            try {
                Optional<HeldMail> current = readMeta(id);
                if (current.isEmpty() || current.get().state() != HoldState.RELEASING) {
                    Files.deleteIfExists(releasing.resolve(id.asString()));
                    continue;
                }
                HeldMail cur = current.get();
                if (cur.claimedAt().isPresent() && cur.claimedAt().get().isAfter(claimedBefore)) {
                    continue;
                }
                if (restart) {
                    Files.deleteIfExists(journalEntry(id));
                } else if (Files.exists(journalEntry(id))) {
                    continue;
                }
                Instant now = clock.instant();
                Instant due = cur.dueAt().isEmpty() || cur.dueAt().get().isAfter(now) ? now : cur.dueAt().get();
                HoldState back = cur.isApproved() ? HoldState.APPROVED : HoldState.HELD;
                dueIndex.add(id, due);
                save(cur.toBuilder().state(back).dueAt(due), cur);
                Files.deleteIfExists(releasing.resolve(id.asString()));
                recovered++;
                LOG.warn("Held mail {} was RELEASING {}; back to {} for another release attempt (attempts so far: {})",
                        id, restart ? "when the previous run stopped" : "and no copy reached the release processor",
                        back, cur.releaseAttempts());
            } catch (IOException e) {
                throw new HoldStoreException("Cannot recover " + id, e);
            } finally {
                lock.unlock();
            }
        }
        return recovered;
    }

    @Override
    public TransitionResult releaseFailed(HeldMailId id, String reason) {
        TransitionResult back = leaveReleasing(id, cur -> {
            Map<String, String> attributes = new java.util.TreeMap<>(cur.attributes());
            attributes.remove(HeldMail.APPROVED_BY);
            attributes.remove(HeldMail.APPROVALS);
            return cur.toBuilder().state(HoldState.HELD).mode(HoldMode.APPROVAL).dueAt(null).attributes(attributes)
                .lastDecision(new Decision("sendguard", "release failed: " + reason, clock.instant()));
        }, "put " + id + " back on hold");
        if (back.isApplied()) {
            // the failed attempt's gate record goes too, so that the next release (after a new decision) may pass
            try {
                Files.deleteIfExists(journalEntry(id));
            } catch (IOException e) {
                throw new HoldStoreException("Cannot clear the release journal of " + id, e);
            }
        }
        return back;
    }

    /**
     * Moves the mail's directory, as it is, to {@code bad/<id>} and writes why beside it ({@code bad/<id>.reason});
     * logged at ERROR once (the entry is no longer where the release looks).
     */
    @Override
    public void setAside(HeldMailId id, String reason) {
        ReentrantLock lock = lockFor(id);
        try {
            Path source = mailDir(id);
            if (Files.exists(source)) {
                Path target = bad.resolve(id.asString());
                for (int n = 1; Files.exists(target); n++) {
                    target = bad.resolve(id.asString() + "." + n);
                }
                Files.move(source, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            index.remove(id);
            Files.deleteIfExists(releasing.resolve(id.asString()));
            Instant at = clock.instant();
            Properties note = new Properties();
            note.setProperty("at", at.toString());
            note.setProperty("reason", reason);
            java.io.StringWriter text = new java.io.StringWriter();
            note.store(text, null);
            files.writeAtomically(bad.resolve(id.asString() + ".reason"), text.toString().getBytes(StandardCharsets.UTF_8));
            LOG.error("Held mail {} set aside in {}: {}. The other held mails are released as usual; an admin must look"
                + " at this one (WebAdmin GET /sendguard/holds/bad)", id, bad, reason);
            setAsideObserver.accept(new SetAsideMail(id.asString(), reason, at));
        } catch (IOException | RuntimeException e) {
            LOG.error("Held mail {} cannot be read ({}) and cannot be set aside either: {}", id, reason, e.toString());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<SetAsideMail> setAside() {
        List<SetAsideMail> result = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(bad, "*.reason")) {
            for (Path p : ds) {
                Properties note = new Properties();
                try (java.io.Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    note.load(in);
                }
                String name = p.getFileName().toString();
                Instant at;
                try {
                    at = Instant.parse(note.getProperty("at", ""));
                } catch (java.time.format.DateTimeParseException e) {
                    at = Files.getLastModifiedTime(p).toInstant();
                }
                result.add(new SetAsideMail(name.substring(0, name.length() - ".reason".length()),
                    note.getProperty("reason", "(no reason recorded)"), at));
            }
        } catch (IOException e) {
            throw new HoldStoreException("Cannot list " + bad, e);
        }
        result.sort(Comparator.comparing(SetAsideMail::at));
        return result;
    }

    @Override
    public void onSetAside(java.util.function.Consumer<SetAsideMail> observer) {
        this.setAsideObserver = Objects.requireNonNull(observer, "observer");
    }
}
