package io.sendguard.webadmin;

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
import java.time.ZoneId;
import java.util.Properties;

import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.mailet.MailetContext;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;

import io.sendguard.core.stats.InspectionStats;
import io.sendguard.hold.FileHoldStore;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.service.HoldSettings;
import io.sendguard.hold.token.ActionTokens;
import io.sendguard.hold.token.FileUsedNonceStore;
import io.sendguard.mailets.hold.HoldNotices;
import io.sendguard.mailets.recipients.RecipientLists;

/**
 * The Guice module James loads for Sendguard's extensions (the child injector in which our mailets,
 * matchers, WebAdmin routes and startables are created), so that they share one instance of each
 * service. Enable it in {@code extensions.properties}:
 *
 * <pre>
 * guice.extension.module=io.sendguard.webadmin.SendguardModule
 * guice.extension.startable=io.sendguard.webadmin.HoldReleaseStartable
 * </pre>
 *
 * The send hold reads {@code conf/sendguard.properties} ({@link HoldSettings}); a missing file or a
 * bad value stops James at startup, naming the file and the key.
 */
public class SendguardModule extends AbstractModule {
    public static final String SETTINGS_FILE = "file://conf/sendguard.properties";

    @Override
    protected void configure() {
        bind(InspectionStats.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    HoldSettings holdSettings(FileSystem fileSystem) throws IOException {
        File file;
        try {
            file = fileSystem.getFile(SETTINGS_FILE);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("Sendguard needs " + SETTINGS_FILE + " for the send hold", e);
        }
        if (!file.isFile()) {
            throw new IllegalStateException("Sendguard needs " + file + " (conf/sendguard.properties) for the send hold");
        }
        Properties properties = load(file.toPath());
        if (!properties.containsKey(HoldSettings.LINKS_BASE_URL)) {
            properties.setProperty(HoldSettings.LINKS_BASE_URL, webAdminUrl(fileSystem));
        }
        return HoldSettings.from(properties, file.toString());
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /**
     * Without {@code links.baseUrl}, links point at this James's own WebAdmin as configured in
     * {@code webadmin.properties} (so rebinding WebAdmin keeps the links right).
     */
    static String webAdminUrl(FileSystem fileSystem) throws IOException {
        Properties webAdmin = new Properties();
        try {
            File file = fileSystem.getFile("file://conf/webadmin.properties");
            if (file.isFile()) {
                webAdmin = load(file.toPath());
            }
        } catch (FileNotFoundException e) {
            // defaults below
        }
        String host = webAdmin.getProperty("host", "localhost").trim();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String port = webAdmin.getProperty("port", "8000").trim();
        String scheme = Boolean.parseBoolean(webAdmin.getProperty("https.enabled", "false").trim()) ? "https" : "http";
        return scheme + "://" + host + ":" + port;
    }

    @Provides
    @Singleton
    HoldService holdService(HoldSettings settings, FileSystem fileSystem, MailetContext mailetContext) throws IOException {
        Clock clock = Clock.systemUTC();
        Path directory = resolve(fileSystem, settings.holdDirectory());
        FileHoldStore store = FileHoldStore.open(directory, clock);
        ActionTokens tokens = new ActionTokens(settings.linkSecret(), clock,
            FileUsedNonceStore.open(directory.resolve("tokens"), clock));
        HoldService service = new HoldService(store, tokens, settings, clock);
        service.setListener(new HoldNotices(service, mailetContext, ZoneId.systemDefault()));
        return service;
    }

    /** The suppression list and sending history shared by the recipient mailets and SuppressionRoutes (opened on first use). */
    @Provides
    @Singleton
    RecipientLists recipientLists(FileSystem fileSystem) {
        return RecipientLists.fromFileSystem(fileSystem);
    }

    private static Path resolve(FileSystem fileSystem, String directory) throws IOException {
        Path path = Path.of(directory);
        if (path.isAbsolute()) {
            return path;
        }
        return fileSystem.getBasedir().toPath().resolve(path).normalize();
    }
}
