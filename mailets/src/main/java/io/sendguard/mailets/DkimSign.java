package io.sendguard.mailets;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.util.SharedByteArrayInputStream;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.Converter7Bit;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.audit.AuditEvent;
import io.sendguard.audit.AuditEventType;
import io.sendguard.audit.AuditLog;
import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.DkimConfigurationException;
import io.sendguard.dkim.DkimSigner;
import io.sendguard.dkim.DkimSigningException;
import io.sendguard.dkim.DkimSigningKey;
import io.sendguard.dkim.DkimVerifier;
import io.sendguard.dkim.DomainNames;
import io.sendguard.dkim.SignatureOptions;
import io.sendguard.dkim.canon.Canonicalization;
import io.sendguard.dkim.keys.KeyTable;
import io.sendguard.dkim.message.MalformedMessageException;
import io.sendguard.dkim.message.SignableForm;
import io.sendguard.mailets.audit.AuditEvents;
import io.sendguard.mailets.audit.SendguardMetrics;

/**
 * DKIM-signs outgoing mail with the key(s) of its author domain (the domain of the From: header),
 * as listed in a key table: rsa-sha256 and/or ed25519-sha256 (both = dual signing), several selectors
 * per domain with one active per algorithm, subdomains falling back to their parent's keys.
 *
 * <p>It signs the exact bytes that will be sent: 8-bit parts are first converted to quoted-printable
 * or base64 (as {@code RemoteDelivery} would do for a next hop without 8BITMIME, which would break
 * a signature made before), and the headers are normalized once, so that nothing later changes them.
 * The signed mail is kept as those bytes (James's own message type over them, not a copy). Body hashes
 * are computed once for all of a mail's signatures. Place it last, just before {@code RemoteDelivery}.
 *
 * <p>The key table is reloaded when its file changes (checked at most every
 * {@code reloadCheckInterval} seconds): rotating a key needs no restart. A broken new table is
 * refused with an error in the log, and the previous one stays in force. A broken table at startup
 * stops James, naming the file and line.
 *
 * <p>With {@code verify} (default true), each signature is checked right after signing on the bytes the
 * message will be sent as, with our own keys instead of DNS: when those bytes are exactly the signed bytes,
 * what was hashed is what is sent, and the signature computations are trusted to the signers' own fault checks
 * (RSA: the JDK's signer verifies its result with the public key, see {@code DkimPrivateKey#signingChecksItself};
 * Ed25519: BouncyCastle's signer checks that the point it computed lies on the curve, which is where nearly all
 * of the computation happens); when they differ, every signature is verified from scratch on them (RSA with
 * the public key derived from the private key). With {@code ed25519Recheck} (default false) each Ed25519
 * signature is also made a second time and compared (Ed25519 is deterministic, see
 * {@code DkimPrivateKey#verify}): a fault check of the hashing and scalar arithmetic too, at the price of a
 * second signature (0.07 ms of CPU per mail in JMH, {@code bench/RESULTS.md}). A failure is logged as an error, counted in
 * {@code sendguard_dkim_check_failed} (next to {@code sendguard_dkim_checked}) and noted in the audit
 * trail's SIGNED event ({@code check}); the mail still leaves.
 *
 * <pre>{@code
 * <mailet match="All" class="io.sendguard.mailets.DkimSign">
 *     <keyTable>file://conf/dkim/keytable</keyTable>
 *     <canonicalization>relaxed/relaxed</canonicalization>
 *     <parentDomainFallback>true</parentDomainFallback>
 *     <onMissingKey>pass</onMissingKey>
 *     <expirySeconds>0</expirySeconds>
 *     <reloadCheckInterval>10</reloadCheckInterval>
 *     <verify>true</verify>
 *     <ed25519Recheck>false</ed25519Recheck>
 * </mailet>
 * }</pre>
 */
public class DkimSign extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimSign.class);

    public static final String PARAM_KEY_TABLE = "keyTable";
    public static final String PARAM_CANONICALIZATION = "canonicalization";
    public static final String PARAM_PARENT_DOMAIN_FALLBACK = "parentDomainFallback";
    public static final String PARAM_ON_MISSING_KEY = "onMissingKey";
    public static final String PARAM_DEFAULT_DOMAIN = "defaultDomain";
    public static final String PARAM_HOLD_PROCESSOR = "holdProcessor";
    public static final String PARAM_EXPIRY_SECONDS = "expirySeconds";
    public static final String PARAM_RELOAD_CHECK_INTERVAL = "reloadCheckInterval";
    public static final String PARAM_VERIFY = "verify";
    public static final String PARAM_ED25519_RECHECK = "ed25519Recheck";

    public static final String DEFAULT_KEY_TABLE = "file://conf/dkim/keytable";
    public static final String DEFAULT_CANONICALIZATION = "relaxed/relaxed";
    public static final int DEFAULT_RELOAD_CHECK_INTERVAL = 10;

    /** What to do with a mail whose author domain has no key. */
    enum OnMissingKey { PASS, DEFAULT, HOLD }

    private final FileSystem fileSystem;
    private final Clock clock;
    private final AtomicReference<LoadedTable> table = new AtomicReference<>();

    private DkimSigner signer;
    private OnMissingKey onMissingKey;
    private Optional<String> defaultDomain;
    private Optional<String> holdProcessor;
    private Duration reloadCheckInterval;
    private boolean verify;
    private boolean ed25519Recheck;
    private final DkimVerifier verifier = new DkimVerifier();
    private volatile Instant nextReloadCheck = Instant.EPOCH;
    private volatile AuditLog audit = AuditLog.disabled();
    private volatile SendguardMetrics metrics = SendguardMetrics.none();

    @Inject
    public DkimSign(FileSystem fileSystem) {
        this(fileSystem, Clock.systemUTC());
    }

    /**
     * Optional: with Sendguard's Guice module, each signed mail is recorded (SIGNED: domain, selectors,
     * algorithms) and counted ({@code sendguard_signed}); without it, DkimSign signs all the same.
     */
    @com.google.inject.Inject(optional = true)
    public void setAuditing(AuditLog audit, SendguardMetrics metrics) {
        this.audit = audit;
        this.metrics = metrics;
    }

    DkimSign(FileSystem fileSystem, Clock clock) {
        this.fileSystem = fileSystem;
        this.clock = clock;
    }

    private static final class LoadedTable {
        final KeyTable keys;
        final FileTime modified;

        LoadedTable(KeyTable keys, FileTime modified) {
            this.keys = keys;
            this.modified = modified;
        }
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_KEY_TABLE, PARAM_CANONICALIZATION, PARAM_PARENT_DOMAIN_FALLBACK,
            PARAM_ON_MISSING_KEY, PARAM_DEFAULT_DOMAIN, PARAM_HOLD_PROCESSOR, PARAM_EXPIRY_SECONDS,
            PARAM_RELOAD_CHECK_INTERVAL, PARAM_VERIFY, PARAM_ED25519_RECHECK));
        verify = Parameters.parseBoolean(this, PARAM_VERIFY, true);
        ed25519Recheck = Parameters.parseBoolean(this, PARAM_ED25519_RECHECK, false);
        if (ed25519Recheck && !verify) {
            throw new MessagingException(PARAM_ED25519_RECHECK + "=true needs " + PARAM_VERIFY + "=true");
        }
        if (verify) {
            metrics.registerSignatureCheck();
        }
        boolean parentFallback = Parameters.parseBoolean(this, PARAM_PARENT_DOMAIN_FALLBACK, true);
        signer = new DkimSigner(signatureOptions(), clock);
        onMissingKey = parseOnMissingKey();
        defaultDomain = getInitParameterAsOptional(PARAM_DEFAULT_DOMAIN).map(String::trim).filter(s -> !s.isEmpty());
        holdProcessor = getInitParameterAsOptional(PARAM_HOLD_PROCESSOR).map(String::trim).filter(s -> !s.isEmpty());
        if (onMissingKey == OnMissingKey.DEFAULT && defaultDomain.isEmpty()) {
            throw new MessagingException(PARAM_ON_MISSING_KEY + "=default needs the parameter " + PARAM_DEFAULT_DOMAIN);
        }
        if (onMissingKey == OnMissingKey.HOLD && holdProcessor.isEmpty()) {
            throw new MessagingException(PARAM_ON_MISSING_KEY + "=hold needs the parameter " + PARAM_HOLD_PROCESSOR);
        }
        reloadCheckInterval = Duration.ofSeconds(Parameters.parseInt(this, PARAM_RELOAD_CHECK_INTERVAL,
            DEFAULT_RELOAD_CHECK_INTERVAL, 0, 86400));

        String location = getInitParameter(PARAM_KEY_TABLE, DEFAULT_KEY_TABLE);
        Path file;
        try {
            File resolved = fileSystem.getFile(location);
            file = resolved.toPath().toAbsolutePath();
        } catch (IOException e) {
            throw new MessagingException("Invalid " + PARAM_KEY_TABLE + " '" + location + "': " + e.getMessage());
        }
        try {
            KeyTable keys = KeyTable.load(file, file.getParent(), parentFallback);
            table.set(new LoadedTable(keys, Files.getLastModifiedTime(file)));
            if (defaultDomain.isPresent() && keys.activeKeys(defaultDomain.get()).isEmpty()) {
                throw new MessagingException(PARAM_DEFAULT_DOMAIN + " '" + defaultDomain.get()
                    + "' has no active key in " + file);
            }
            LOGGER.info("DKIM key table {} loaded: {} key table entries", file, keys.entries().size());
        } catch (DkimConfigurationException | IOException e) {
            throw new MessagingException("Invalid " + PARAM_KEY_TABLE + " '" + location + "': " + e.getMessage());
        }
    }

    private SignatureOptions signatureOptions() throws MessagingException {
        String value = getInitParameter(PARAM_CANONICALIZATION, DEFAULT_CANONICALIZATION).trim().toLowerCase(Locale.ROOT);
        String[] parts = value.split("/", -1);
        Optional<Canonicalization> header = Canonicalization.parse(parts[0]);
        Optional<Canonicalization> body = parts.length == 2 ? Canonicalization.parse(parts[1]) : header;
        if (parts.length > 2 || header.isEmpty() || body.isEmpty()) {
            throw new MessagingException("Invalid " + PARAM_CANONICALIZATION + " '" + value
                + "': expected header/body with simple or relaxed, e.g. relaxed/relaxed");
        }
        try {
            SignatureOptions.Builder builder = SignatureOptions.builder().canonicalization(header.get(), body.get());
            int expiry = Parameters.parseInt(this, PARAM_EXPIRY_SECONDS, 0, 0, Integer.MAX_VALUE);
            if (expiry > 0) {
                builder.expiry(Duration.ofSeconds(expiry));
            }
            return builder.build();
        } catch (DkimConfigurationException e) {
            throw new MessagingException("Invalid DKIM options: " + e.getMessage());
        }
    }

    private OnMissingKey parseOnMissingKey() throws MessagingException {
        String value = getInitParameter(PARAM_ON_MISSING_KEY, "pass").trim();
        try {
            return OnMissingKey.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Invalid " + PARAM_ON_MISSING_KEY + " '" + value + "': expected pass, default or hold");
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return holdProcessor.map(p -> List.of(new ProcessingState(p))).orElse(List.of());
    }

    /**
     * Signs the mail. When signing fails (anything thrown, {@link Error}s included), the mail is neither stopped nor
     * lost: it leaves unsigned, which is logged at ERROR and counted ({@value SendguardMetrics#DKIM_SIGN_FAILED}); a
     * receiver treats it like any unsigned mail. (A failure after signing, e.g. of the audit trail, leaves it signed.)
     */
    @Override
    public void service(Mail mail) throws MessagingException {
        try {
            Failsafe.run("DkimSign on mail " + mail.getName(), () -> sign(mail), failure -> {
                boolean signed = isSigned(mail);
                if (!signed) {
                    metrics.signFailed();
                }
                LOGGER.error("Mail {}: DKIM signing failed ({}): it leaves {}", mail.getName(), failure.getMessage(),
                    signed ? "signed" : "UNSIGNED");
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("DkimSign on mail " + mail.getName(), e);
        }
    }

    private static boolean isSigned(Mail mail) {
        try {
            return mail.getMessage() instanceof SignedMessage;
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    private void sign(Mail mail) throws MessagingException {
        KeyTable keys = currentKeys();
        Optional<String> domain = authorDomain(mail.getMessage());
        List<DkimSigningKey> signingKeys = domain.map(keys::activeKeys).orElse(List.of());
        if (signingKeys.isEmpty()) {
            switch (onMissingKey) {
                case DEFAULT:
                    signingKeys = keys.activeKeys(defaultDomain.orElseThrow());
                    break;
                case HOLD:
                    LOGGER.info("Mail {}: no DKIM key for author domain {}, sent to {}", mail.getName(),
                        domain.orElse("(none)"), holdProcessor.orElseThrow());
                    mail.setState(holdProcessor.orElseThrow());
                    return;
                default:
                    LOGGER.info("Mail {}: no DKIM key for author domain {}, sent unsigned", mail.getName(),
                        domain.orElse("(none)"));
                    return;
            }
        }
        String messageId = mail.getMessage().getMessageID();
        try {
            byte[] written = finalBytes(mail.getMessage());
            // unusual header shapes and bare line ends made unambiguous first, or refused (then sent unsigned)
            byte[] message = SignableForm.of(written);
            if (message != written) {
                LOGGER.info("Mail {}: header shapes or line ends normalized before signing (RFC 6376 3.4)", mail.getName());
            }
            // the Message-ID field in the bytes just written (the 7-bit conversion may have added one)
            String sentMessageId = mail.getMessage().getMessageID();
            List<DkimSigner.Signed> signatures = signer.signAllDetailed(message, signingKeys);
            SignedMessage sealed = sealed(signatures, message, sentMessageId);
            if (mail instanceof MailImpl) {
                // James's Mail.setMessage copies any message into a new MimeMessageWrapper (one more
                // serialization); ours already is one.
                ((MailImpl) mail).setMessageNoCopy(sealed);
            } else {
                mail.setMessage(sealed);
            }
            if (LOGGER.isDebugEnabled()) {
                LOGGER.debug("Mail {}: DKIM-signed for {}", mail.getName(), describe(signingKeys));
            }
            Optional<String> check = verify ? Optional.of(check(mail, sealed, sealed.bytes, signatures)) : Optional.empty();
            recordSigned(mail, messageId, signingKeys, check);
        } catch (IOException e) {
            throw new MessagingException("Could not serialize mail " + mail.getName() + " for signing", e);
        } catch (DkimSigningException e) {
            throw new MessagingException("Could not DKIM-sign mail " + mail.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks our signatures on the bytes the message will be sent as (the signed message written out the way
     * James's own message type writes it, as its queue and {@code RemoteDelivery} do), with the signing keys
     * (no DNS). When those bytes are exactly the bytes that were signed (the
     * usual case), what was hashed is what is sent, so only the signature computations are left to check: RSA
     * is verified unless the JDK's signer did so already, Ed25519 is signed again and compared with
     * {@code ed25519Recheck} (otherwise BouncyCastle's on-curve check of its point stands); when they differ, the
     * signatures are verified from scratch on the bytes to be sent. A failure is logged and counted; the
     * mail still leaves (a broken signature counts as no signature at the receiver).
     *
     * @param signedBytes the bytes as signed (signature fields first)
     * @return "ok", or "failed: " and the reasons
     */
    String check(Mail mail, MimeMessage toSend, byte[] signedBytes, List<DkimSigner.Signed> signatures) {
        List<String> failures = new java.util.ArrayList<>();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(signedBytes.length + 256);
            if (toSend instanceof SignedMessage) {
                ((SignedMessage) toSend).writeAsJamesDoes(out);
            } else {
                toSend.writeTo(out);
            }
            byte[] sent = out.toByteArray();
            if (Arrays.equals(sent, signedBytes)) {
                for (DkimSigner.Signed signature : signatures) {
                    boolean recheck = signature.key().algorithm() == DkimAlgorithm.ED25519_SHA256
                        ? ed25519Recheck : signature.needsComputationCheck();
                    if (recheck && !signature.computationChecks()) {
                        failures.add(signature + ": the signature value does not verify (computation fault)");
                    }
                }
            } else {
                List<DkimSigningKey> keys = signatures.stream().map(DkimSigner.Signed::key).collect(Collectors.toList());
                for (DkimVerifier.Result result : verifier.verify(sent, keys)) {
                    if (!result.isValid()) {
                        failures.add(result.toString());
                    }
                }
            }
        } catch (IOException | MessagingException | MalformedMessageException | RuntimeException e) {
            failures.add("the signed message could not be read back: " + e);
        }
        metrics.signatureChecked(failures.isEmpty());
        if (failures.isEmpty()) {
            return "ok";
        }
        LOGGER.error("Mail {}: our DKIM signature does not verify on the bytes to be sent ({}); sent anyway, counted in {}",
            mail.getName(), String.join("; ", failures), SendguardMetrics.SIGNATURE_CHECK_FAILED);
        return "failed: " + String.join("; ", failures);
    }

    /** @param messageId as it was before signing (in a plain MimeMessage, the 7-bit conversion renews it) */
    private void recordSigned(Mail mail, String messageId, List<DkimSigningKey> keys, Optional<String> check) {
        metrics.signed();
        if (!audit.isEnabled()) {
            return;
        }
        try {
            AuditEvent.Builder event = AuditEvents.of(AuditEventType.SIGNED, mail, messageId)
                .detail("domain", keys.stream().map(DkimSigningKey::domain).distinct().collect(Collectors.joining(",")))
                .detail("selector", keys.stream().map(DkimSigningKey::selector).collect(Collectors.joining(",")))
                .detail("algorithm", keys.stream().map(k -> k.algorithm().tagValue()).collect(Collectors.joining(",")));
            check.ifPresent(c -> event.detail("check", c));
            audit.append(event.build());
        } catch (RuntimeException e) {
            LOGGER.error("Mail {}: signed, but the audit event was not recorded: {}", mail.getName(), e.toString());
        }
    }

    /** The 7-bit form RemoteDelivery will send, with headers normalized so that a later save changes nothing. */
    private byte[] finalBytes(MimeMessage message) throws MessagingException, IOException {
        try {
            new Converter7Bit(getMailetContext()).convertTo7Bit(message);
        } catch (MessagingException | RuntimeException e) {
            // a MIME structure javax.mail cannot parse (a malformed mail a reviewer released): when its bytes are
            // 7-bit already there is nothing to convert, and it is signed as it came
            byte[] asItCame = bytes(message);
            if (!isSevenBit(asItCame)) {
                throw e;
            }
            LOGGER.info("Mail structure cannot be parsed ({}), but it is 7-bit already: signed as it came", e.getMessage());
            return asItCame;
        }
        return bytes(message);
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static boolean isSevenBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0 || b == 0) {
                return false;
            }
        }
        return true;
    }

    private static SignedMessage sealed(List<DkimSigner.Signed> signatures, byte[] message, String messageId) {
        StringBuilder fields = new StringBuilder();
        for (DkimSigner.Signed signature : signatures) {
            fields.append(signature.headerField());
        }
        byte[] headers = fields.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headers.length + message.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(message, 0, all, headers.length, message.length);
        return new SignedMessage(all, messageId);
    }

    /**
     * The signed bytes as James's own message type, read from those bytes on demand: James writes it out
     * as the bytes themselves (headers parsed only when asked for, the body never), and saving it (as
     * RemoteDelivery may) changes no header. Its Message-ID (asked for by the audit trail and the metrics
     * after signing) is known without parsing the headers again, as long as no header was changed.
     */
    static final class SignedMessage extends MimeMessageWrapper {
        final byte[] bytes;
        private final String messageId;

        SignedMessage(byte[] bytes, String messageId) {
            super(MailSessions.plain(), new BytesSource(bytes));
            this.bytes = bytes;
            this.messageId = messageId;
        }

        @Override
        protected void updateHeaders() {
            // signed: nothing may change
        }

        @Override
        public String getMessageID() throws MessagingException {
            return isModified() ? super.getMessageID() : messageId;
        }

        /**
         * The signed bytes themselves while nothing was changed (what James's queue copies when RemoteDelivery
         * takes the mail), instead of parsing the header block to write it out again; {@link #check} verifies
         * that James's way of writing them out ({@link #writeAsJamesDoes}) gives these same bytes.
         */
        @Override
        public void writeTo(OutputStream os) throws IOException, MessagingException {
            if (isModified()) {
                super.writeTo(os);
            } else {
                os.write(bytes);
            }
        }

        /** Written out as James's {@code MimeMessageWrapper} does: the header block parsed and written again. */
        void writeAsJamesDoes(OutputStream os) throws IOException, MessagingException {
            super.writeTo(os, os);
        }

        /** Whether the header block has been parsed (tests). */
        boolean headersParsed() {
            return headers != null;
        }
    }

    private static final class BytesSource implements MimeMessageSource {
        private final byte[] bytes;
        /** Unique: a random prefix per JVM and a counter (a random UUID per mail draws on SecureRandom). */
        private static final String ID_PREFIX = "sendguard-signed-" + UUID.randomUUID() + "-";
        private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();
        private final String id = ID_PREFIX + COUNTER.incrementAndGet();

        BytesSource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String getSourceId() {
            return id;
        }

        @Override
        public InputStream getInputStream() {
            return new SharedByteArrayInputStream(bytes);
        }

        @Override
        public long getMessageSize() {
            return bytes.length;
        }
    }

    private static Optional<String> authorDomain(MimeMessage message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException e) {
            return Optional.empty();
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress)) {
            return Optional.empty();
        }
        String address = ((InternetAddress) from[0]).getAddress();
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? Optional.empty() : DomainNames.normalize(address.substring(at + 1));
    }

    /** The keys the mail would be signed with now (tests). */
    List<DkimSigningKey> activeKeys(String domain) {
        return currentKeys().activeKeys(domain);
    }

    private KeyTable currentKeys() {
        LoadedTable loaded = table.get();
        Instant now = clock.instant();
        if (now.isBefore(nextReloadCheck)) {
            return loaded.keys;
        }
        nextReloadCheck = now.plus(reloadCheckInterval);
        try {
            FileTime modified = Files.getLastModifiedTime(loaded.keys.file());
            if (!modified.equals(loaded.modified)) {
                KeyTable fresh = loaded.keys.reload();
                table.compareAndSet(loaded, new LoadedTable(fresh, modified));
                LOGGER.info("DKIM key table {} reloaded", loaded.keys.file());
                return fresh;
            }
        } catch (DkimConfigurationException | IOException e) {
            LOGGER.error("DKIM key table {} not reloaded, the previous one stays in force: {}",
                loaded.keys.file(), e.getMessage());
            table.compareAndSet(loaded, new LoadedTable(loaded.keys, currentModifiedTime(loaded)));
        }
        return table.get().keys;
    }

    private static FileTime currentModifiedTime(LoadedTable loaded) {
        try {
            return Files.getLastModifiedTime(loaded.keys.file());
        } catch (IOException e) {
            return loaded.modified;
        }
    }

    private static String describe(List<DkimSigningKey> keys) {
        StringBuilder out = new StringBuilder();
        for (DkimSigningKey key : keys) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append("d=").append(key.domain()).append(" s=").append(key.selector())
                .append(" a=").append(key.algorithm().tagValue());
        }
        return out.toString();
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard DKIM signing (rsa-sha256, ed25519-sha256)";
    }
}
