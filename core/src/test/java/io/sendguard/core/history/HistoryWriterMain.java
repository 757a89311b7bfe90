package io.sendguard.core.history;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a separate JVM by {@link SendingHistoryTest}: adds facts as fast as it can and prints the
 * number of each fact once {@code add} has returned, until it is killed (often while compacting).
 */
public final class HistoryWriterMain {
    private HistoryWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        byte[] key = args[1].getBytes(StandardCharsets.UTF_8);
        try (SendingHistory history = SendingHistory.open(Path.of(args[0]), key, 1_000_000, 1_000_000, 50)) {
            for (int i = 0; ; i++) {
                history.add("alice@example.com", List.of("a:r" + i + "@partner.example", "d:d" + i + ".example"));
                // used again and again: the log grows faster than the facts, so it is compacted often
                history.add("alice@example.com", List.of("d:hot.example"));
                history.add("alice@example.com", List.of("d:hot.example"));
                System.out.println(i);
                System.out.flush();
            }
        }
    }
}
