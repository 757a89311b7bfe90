package io.sendguard.hold;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * On-disk due-time index: {@code due/<epochMinute>/<dueEpochMillis>-<id>} empty marker files, one
 * directory per minute bucket. Only the set of bucket numbers (about 1,440 per day of spread, never one
 * entry per mail) is cached in memory, so finding due mails costs work proportional to the due entries
 * plus one partially due bucket, independent of how many mails are held.
 *
 * <p>Markers are hints: they are always created before the metadata that makes a mail due and removed
 * after it, and {@link FileHoldStore#claimDue} re-checks the metadata, deleting stale markers.
 */
final class DueIndex {
    static final long BUCKET_MILLIS = 60_000L;
    private static final int MILLIS_DIGITS = 13;

    private final Path root;
    private final DurableFiles files;
    private final NavigableSet<Long> buckets = new ConcurrentSkipListSet<>();
    private final Object bucketLock = new Object();

    DueIndex(Path root, DurableFiles files) throws IOException {
        this.root = root;
        this.files = files;
        Files.createDirectories(root);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                try {
                    buckets.add(Long.parseLong(p.getFileName().toString()));
                } catch (NumberFormatException e) {
                    // foreign file, ignore
                }
            }
        }
    }

    /** An index entry. */
    static final class Entry {
        final long dueMillis;
        final HeldMailId id;
        final Path path;

        Entry(long dueMillis, HeldMailId id, Path path) {
            this.dueMillis = dueMillis;
            this.id = id;
            this.path = path;
        }
    }

    static long bucketOf(long millis) {
        return Math.floorDiv(millis, BUCKET_MILLIS);
    }

    private Path bucketDir(long bucket) {
        return root.resolve(String.format("%010d", bucket));
    }

    private Path markerPath(long dueMillis, HeldMailId id) {
        return bucketDir(bucketOf(dueMillis)).resolve(String.format("%0" + MILLIS_DIGITS + "d", dueMillis)
                + "-" + id.asString());
    }

    void add(HeldMailId id, Instant due) throws IOException {
        long millis = due.toEpochMilli();
        long bucket = bucketOf(millis);
        Path marker = markerPath(millis, id);
        for (int attempt = 0; ; attempt++) {
            synchronized (bucketLock) {
                files.createDirectories(bucketDir(bucket));
                buckets.add(bucket);
            }
            try {
                files.createMarker(marker);
                return;
            } catch (NoSuchFileException e) {
                // bucket pruned concurrently; recreate it
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    void remove(HeldMailId id, Instant due) throws IOException {
        Files.deleteIfExists(markerPath(due.toEpochMilli(), id));
    }

    void remove(Entry e) throws IOException {
        Files.deleteIfExists(e.path);
    }

    /** @return bucket numbers that may hold entries due at or before {@code now}, ascending */
    NavigableSet<Long> bucketsUpTo(Instant now) {
        return buckets.headSet(bucketOf(now.toEpochMilli()), true);
    }

    /** @return entries of one bucket due at or before {@code now}, ascending by due time then id */
    List<Entry> dueEntries(long bucket, Instant now) throws IOException {
        long nowMillis = now.toEpochMilli();
        List<Entry> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(bucketDir(bucket))) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            buckets.remove(bucket);
            return out;
        }
        Collections.sort(names);
        Path dir = bucketDir(bucket);
        for (String name : names) {
            if (name.length() <= MILLIS_DIGITS + 1 || name.charAt(MILLIS_DIGITS) != '-') {
                continue;
            }
            long due;
            HeldMailId id;
            try {
                due = Long.parseLong(name.substring(0, MILLIS_DIGITS));
                id = HeldMailId.of(name.substring(MILLIS_DIGITS + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (due > nowMillis) {
                break;
            }
            out.add(new Entry(due, id, dir.resolve(name)));
        }
        return out;
    }

    /** Deletes a bucket that lies entirely before {@code now} and is empty. */
    void pruneIfEmpty(long bucket, Instant now) {
        if (bucket >= bucketOf(now.toEpochMilli())) {
            return;
        }
        synchronized (bucketLock) {
            try {
                Files.delete(bucketDir(bucket));
                buckets.remove(bucket);
            } catch (NoSuchFileException e) {
                buckets.remove(bucket);
            } catch (DirectoryNotEmptyException e) {
                // still has entries
            } catch (IOException e) {
                // best effort
            }
        }
    }

    /** @return number of buckets currently known (for diagnostics) */
    int bucketCount() {
        return buckets.size();
    }
}
