package io.sendguard.mailets.recipients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.sendguard.core.history.SendingHistory;
import io.sendguard.core.suppression.SuppressionList;

/** Recipient lists in a temporary directory, as the Guice module would open them in James. */
final class RecipientListsFixture {
    static final byte[] KEY = "test-history-key-0123456789abcdef-0123".getBytes(StandardCharsets.UTF_8);

    private RecipientListsFixture() {
    }

    static RecipientLists in(Path dir) {
        return new RecipientLists(
            () -> SuppressionList.open(dir.resolve("conf/sendguard-suppression.txt"), dir.resolve("var/sendguard/suppression"),
                Clock.systemUTC(), Duration.ZERO),
            () -> SendingHistory.open(dir.resolve("var/sendguard/history"), KEY, 1000, 10_000));
    }

    /** Lists whose history cannot be opened (no settings file). */
    static RecipientLists withoutHistory(Path dir) {
        return new RecipientLists(
            () -> SuppressionList.open(dir.resolve("conf/sendguard-suppression.txt"), dir.resolve("var/sendguard/suppression"),
                Clock.systemUTC(), Duration.ZERO),
            () -> {
                throw new IllegalArgumentException("Sendguard needs conf/sendguard-history.properties");
            });
    }

    static void writeSuppressionFile(Path dir, String content) throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/sendguard-suppression.txt"), content, StandardCharsets.UTF_8);
    }
}
