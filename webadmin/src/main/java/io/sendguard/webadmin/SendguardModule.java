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
import java.util.Properties;

import javax.inject.Singleton;

import org.apache.james.core.Domain;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;

import io.sendguard.audit.AuditLog;
import io.sendguard.audit.AuditSettings;
import io.sendguard.audit.FileAuditLog;
import io.sendguard.core.secrets.Secrets;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.hold.FileHoldStore;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.service.HoldSettings;
import io.sendguard.hold.token.ActionTokens;
import io.sendguard.hold.token.FileUsedNonceStore;
import io.sendguard.mailets.DkimSign;
import io.sendguard.mailets.audit.HoldAuditListener;
import io.sendguard.mailets.audit.SendguardMetrics;
import io.sendguard.mailets.hold.HoldNotices;
import io.sendguard.mailets.recipients.RecipientLists;
import io.sendguard.core.finding.FindingWords;
import io.sendguard.web.JamesUsers;
import io.sendguard.web.SignInLinks;
import io.sendguard.web.Web;
import io.sendguard.web.WebSettings;

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
 * bad value stops James at startup, naming the file and the key. The audit trail reads the optional
 * {@code conf/sendguard-audit.properties}.
 */
public class SendguardModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(SendguardModule.class);
    public static final String SETTINGS_FILE = "file://conf/sendguard.properties";
    /** Optional: without it, auditing is off (logged at startup). */
    public static final String AUDIT_SETTINGS_FILE = "file://conf/sendguard-audit.properties";

    @Override
    protected void configure() {
        bind(InspectionStats.class).in(Scopes.SINGLETON);
        // Bound here so that Guice creates DkimSign in this (child) injector, where its optional audit
        // trail is: left to a just-in-time binding it would be created in James's parent injector, which
        // can satisfy its constructor alone, and silently skip the optional injection.
        bind(DkimSign.class);
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
        // links lead to the web listener (web.baseUrl, or derived from web.host and web.port)
        properties.setProperty(HoldSettings.LINKS_BASE_URL, webSettings(fileSystem).baseUrl());
        return HoldSettings.from(properties, file.toString(), secrets(fileSystem));
    }

    /** The {@code web.*} keys of {@code conf/sendguard.properties}: Sendguard's own listener for senders and approvers. */
    @Provides
    @Singleton
    WebSettings webSettings(FileSystem fileSystem) throws IOException {
        File file;
        try {
            file = fileSystem.getFile(SETTINGS_FILE);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("Sendguard needs " + SETTINGS_FILE + " for the send hold", e);
        }
        if (!file.isFile()) {
            throw new IllegalStateException("Sendguard needs " + file + " (conf/sendguard.properties) for the send hold");
        }
        Path base = fileSystem.getBasedir().toPath();
        return WebSettings.from(load(file.toPath()), file.toString(), path -> base.resolve(path).normalize(), System.getenv());
    }

    /** What the web listener's pages share (sessions, sign-in with James's users, local domains from James). */
    @Provides
    @Singleton
    Web web(HoldService service, WebSettings settings, SignInLinks signInLinks, UsersRepository users,
            MailetContext mailetContext) {
        return new Web(service, settings, signInLinks, new JamesUsers(users), service.settings().timeZone(), domain -> {
            try {
                return mailetContext.isLocalServer(Domain.of(domain));
            } catch (RuntimeException e) {
                return false;
            }
        }, (finding, language) -> FindingWords.forLanguage(language).describe(finding), Clock.systemUTC());
    }

    /** The sign-in links every notice to a sender carries (to "my mail" on the web listener). */
    @Provides
    @Singleton
    SignInLinks signInLinks(HoldSettings holdSettings, WebSettings webSettings) {
        return SignInLinks.of(holdSettings, webSettings, Clock.systemUTC());
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /**
     * The audit trail, from {@code conf/sendguard-audit.properties} ({@link AuditSettings}); without that
     * file auditing is off and a warning says so. A bad value stops James naming the file and the key.
     */
    @Provides
    @Singleton
    AuditLog auditLog(FileSystem fileSystem, SendguardMetrics metrics) throws IOException {
        File file;
        try {
            file = fileSystem.getFile(AUDIT_SETTINGS_FILE);
        } catch (FileNotFoundException e) {
            file = null;
        }
        if (file == null || !file.isFile()) {
            LOGGER.warn("Sendguard audit trail is OFF: no conf/sendguard-audit.properties");
            return AuditLog.disabled();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file.toPath()); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        AuditSettings settings = AuditSettings.from(properties, file.toString(), secrets(fileSystem));
        Path directory = resolve(fileSystem, settings.directory());
        FileAuditLog log = FileAuditLog.open(directory, settings, Clock.systemUTC());
        log.onWriteFailure(metrics::auditWriteFailed);
        LOGGER.info("Sendguard audit trail in {}: {}", directory, settings);
        return log;
    }

    @Provides
    @Singleton
    HoldService holdService(HoldSettings settings, FileSystem fileSystem, MailetContext mailetContext, AuditLog auditLog,
                            SendguardMetrics metrics, WebSettings webSettings, SignInLinks signInLinks) throws IOException {
        Clock clock = Clock.systemUTC();
        Path directory = resolve(fileSystem, settings.holdDirectory());
        FileHoldStore store = FileHoldStore.open(directory, clock);
        ActionTokens tokens = new ActionTokens(settings.linkSecret(), clock,
            FileUsedNonceStore.open(directory.resolve("tokens"), clock));
        HoldService service = new HoldService(store, tokens, settings, clock);
        // audit first: a notice the sender received means its event is in the trail
        service.addListener(new HoldAuditListener(auditLog, metrics));
        service.addListener(new HoldNotices(service, mailetContext, settings.timeZone(), sender -> webSettings.enabled()
            ? java.util.Optional.of(signInLinks.link(sender)) : java.util.Optional.empty()));
        return service;
    }

    /** The suppression list and sending history shared by the recipient mailets and SuppressionRoutes (opened on first use). */
    @Provides
    @Singleton
    RecipientLists recipientLists(FileSystem fileSystem) {
        return RecipientLists.fromFileSystem(fileSystem);
    }

    /** Keys the conf does not set are generated under James's working directory ({@link Secrets}). */
    private static Secrets secrets(FileSystem fileSystem) throws IOException {
        return Secrets.generatedIn(resolve(fileSystem, Secrets.DEFAULT_DIRECTORY));
    }

    private static Path resolve(FileSystem fileSystem, String directory) throws IOException {
        Path path = Path.of(directory);
        if (path.isAbsolute()) {
            return path;
        }
        return fileSystem.getBasedir().toPath().resolve(path).normalize();
    }
}
