package io.sendguard.hold.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@link UsedNonceStore} backed by an append-only file {@code used-nonces.log} of lines
 * {@code <nonce> <expiryEpochMillis>}, forced to disk on every append. The live (unexpired) set is
 * kept in memory, so memory and file size are bounded by the number of tokens redeemed within one
 * token lifetime. On open, and whenever the file has grown to twice the live set, it is rewritten
 * without expired entries via temp file + fsync + atomic rename; a line torn by a crash mid-append
 * is dropped by that rewrite.
 */
public final class FileUsedNonceStore implements UsedNonceStore {
    static final String FILE_NAME = "used-nonces.log";
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final Path file;
    private final Clock clock;
    private final Map<String, Long> live = new HashMap<>();
    private long linesInFile;
    private FileChannel appender;

    private FileUsedNonceStore(Path dir, Clock clock) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve(FILE_NAME);
        this.clock = Objects.requireNonNull(clock);
        load();
        compact();
    }

    /**
     * Opens (creating if needed) the nonce log in {@code dir}, e.g. {@code <hold store>/tokens}.
     *
     * @param dir   directory
     * @param clock time source for expiry
     * @return the store
     * @throws UncheckedIOException on I/O failure
     */
    public static FileUsedNonceStore open(Path dir, Clock clock) {
        try {
            return new FileUsedNonceStore(dir, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open used-nonce log in " + dir, e);
        }
    }

    private void load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                break; // torn last line, if any, is ignored
            }
            String line = text.substring(start, nl);
            start = nl + 1;
            int sp = line.indexOf(' ');
            if (sp < 0) {
                continue;
            }
            String nonce = line.substring(0, sp);
            try {
                long exp = Long.parseLong(line.substring(sp + 1));
                if (NONCE.matcher(nonce).matches()) {
                    live.merge(nonce, exp, Math::max);
                }
            } catch (NumberFormatException ignored) {
                // corrupt line
            }
        }
    }

    private void compact() throws IOException {
        long now = clock.millis();
        live.values().removeIf(exp -> exp <= now);
        StringBuilder sb = new StringBuilder(live.size() * 40);
        for (Iterator<Map.Entry<String, Long>> it = live.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Long> e = it.next();
            sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        if (appender != null) {
            appender.close();
            appender = null;
        }
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dirCh = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dirCh.force(true);
        } catch (IOException ignored) {
            // platforms that cannot fsync directories
        }
        linesInFile = live.size();
        appender = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized boolean markUsed(String nonce, Instant expiresAt) {
        if (!NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("Malformed nonce");
        }
        Long existing = live.get(nonce);
        if (existing != null && existing > clock.millis()) {
            return false;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap((nonce + ' ' + expiresAt.toEpochMilli() + '\n')
                    .getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                appender.write(buf);
            }
            appender.force(false);
            live.put(nonce, expiresAt.toEpochMilli());
            linesInFile++;
            if (linesInFile > 2 * live.size() + 1000) {
                compact();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record used token nonce", e);
        }
    }

    @Override
    public synchronized boolean isUsed(String nonce) {
        Long exp = live.get(nonce);
        return exp != null && exp > clock.millis();
    }
}
