package io.sendguard.mailets.recipients;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import org.apache.james.filesystem.api.FileSystem;

import io.sendguard.core.history.HistorySettings;
import io.sendguard.core.history.SendingHistory;
import io.sendguard.core.secrets.Secrets;
import io.sendguard.core.suppression.SuppressionList;

/**
 * What the recipient checks share (one instance in James, handed out by the Guice module, so that
 * the mailets and the WebAdmin routes see the same lists): the suppression list (the conf file
 * {@value #SUPPRESSION_FILE} plus the entries managed through WebAdmin, kept under
 * {@value #SUPPRESSION_DIRECTORY}) and the sending history (settings in {@value #HISTORY_SETTINGS_FILE}).
 * Each is opened on first use: James without the history settings runs as long as no mailet needs
 * the history, and one that needs it fails at startup naming the file.
 */
public final class RecipientLists {
    public static final String SUPPRESSION_FILE = "file://conf/sendguard-suppression.txt";
    public static final String SUPPRESSION_DIRECTORY = "var/sendguard/suppression";
    public static final String HISTORY_SETTINGS_FILE = "file://conf/sendguard-history.properties";
    public static final Duration RELOAD_CHECK_INTERVAL = Duration.ofSeconds(10);

    /** Opens something that lives in files. */
    @FunctionalInterface
    public interface Opener<T> {
        T open() throws IOException;
    }

    private final Opener<SuppressionList> suppressionOpener;
    private final Opener<SendingHistory> historyOpener;
    private SuppressionList suppressions;
    private SendingHistory history;

    public RecipientLists(Opener<SuppressionList> suppressionOpener, Opener<SendingHistory> historyOpener) {
        this.suppressionOpener = suppressionOpener;
        this.historyOpener = historyOpener;
    }

    /** The lists at their places in James's working and configuration directories. */
    public static RecipientLists fromFileSystem(FileSystem fileSystem) {
        return new RecipientLists(
            () -> SuppressionList.open(confFile(fileSystem, SUPPRESSION_FILE), resolve(fileSystem, SUPPRESSION_DIRECTORY),
                Clock.systemUTC(), RELOAD_CHECK_INTERVAL),
            () -> openHistory(fileSystem));
    }

    /**
     * @throws IllegalStateException naming the file when the list cannot be opened
     */
    public synchronized SuppressionList suppressions() {
        if (suppressions == null) {
            try {
                suppressions = suppressionOpener.open();
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("Sendguard cannot open its suppression list (" + SUPPRESSION_FILE
                    + ", " + SUPPRESSION_DIRECTORY + "): " + e.getMessage(), e);
            }
        }
        return suppressions;
    }

    /**
     * @throws IllegalStateException naming the file when the history cannot be opened
     */
    public synchronized SendingHistory history() {
        if (history == null) {
            try {
                history = historyOpener.open();
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("Sendguard cannot open its sending history (" + HISTORY_SETTINGS_FILE
                    + "): " + e.getMessage(), e);
            }
        }
        return history;
    }

    private static SendingHistory openHistory(FileSystem fileSystem) throws IOException {
        Path file = confFile(fileSystem, HISTORY_SETTINGS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Sendguard needs " + file + " (conf/sendguard-history.properties, with "
                + HistorySettings.KEY + ") for the sending history");
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        HistorySettings settings = HistorySettings.from(properties, file.toString(),
            Secrets.generatedIn(resolve(fileSystem, Secrets.DEFAULT_DIRECTORY)));
        return SendingHistory.open(resolve(fileSystem, settings.directory()), settings.key(), settings.maxPerSender(),
            settings.maxTotal());
    }

    private static Path confFile(FileSystem fileSystem, String location) throws IOException {
        try {
            File file = fileSystem.getFile(location);
            return file.toPath();
        } catch (FileNotFoundException e) {
            return fileSystem.getBasedir().toPath().resolve(location.substring("file://".length())).normalize();
        }
    }

    private static Path resolve(FileSystem fileSystem, String directory) throws IOException {
        Path path = Path.of(directory);
        if (path.isAbsolute()) {
            return path;
        }
        return fileSystem.getBasedir().toPath().resolve(path).normalize();
    }
}
