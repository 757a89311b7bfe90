package io.sendguard.mailets;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.audit.AuditEvent;
import io.sendguard.audit.AuditEventType;
import io.sendguard.audit.AuditException;
import io.sendguard.audit.AuditLog;
import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.mailets.audit.AuditEvents;
import io.sendguard.mailets.audit.SendguardMetrics;
import io.sendguard.matchers.FindingsAttribute;

/**
 * Records an event about each mail in the audit trail (see {@code conf/sendguard-audit.properties}): its
 * Message-ID, James name, envelope sender and recipients, and for {@code inspected} and {@code blocked}
 * the findings recorded so far (rule, category, severity, location; never the excerpts). It does not
 * change the mail. The event is on disk when the mail goes on: if it cannot be written, the mail goes to
 * the error processor rather than on unrecorded.
 *
 * <p>Place {@code inspected} after the inspecting mailets, {@code blocked} at the start of the quarantine
 * processor (it also counts {@code sendguard_blocked}), {@code handed-to-delivery} just before
 * {@code RemoteDelivery}. The hold (HELD, RELEASED, CANCELLED, ...) and {@code DkimSign} (SIGNED) record
 * their own events.
 *
 * <pre>{@code
 * <mailet match="All" class="io.sendguard.mailets.AuditRecord">
 *     <event>inspected</event>
 * </mailet>
 * }</pre>
 */
public class AuditRecord extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(AuditRecord.class);

    public static final String PARAM_EVENT = "event";

    /** The events a pipeline records with this mailet; the others come from the hold and from DkimSign. */
    static final Set<AuditEventType> RECORDABLE = EnumSet.of(AuditEventType.INSPECTED, AuditEventType.BLOCKED,
        AuditEventType.CONVERTED_TO_BCC, AuditEventType.SPLIT, AuditEventType.SUPPRESSED,
        AuditEventType.HANDED_TO_DELIVERY);

    private final AuditLog log;
    private final SendguardMetrics metrics;
    private AuditEventType type;

    @Inject
    public AuditRecord(AuditLog log, SendguardMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PARAM_EVENT));
        String value = getInitParameter(PARAM_EVENT);
        String allowed = RECORDABLE.stream().map(AuditEventType::parameterName).collect(Collectors.joining(", "));
        if (value == null || value.isBlank()) {
            throw new MessagingException("The parameter " + PARAM_EVENT + " of mailet " + getMailetName()
                + " is required: one of " + allowed);
        }
        type = AuditEventType.parse(value).filter(RECORDABLE::contains).orElseThrow(() -> new MessagingException(
            "Invalid " + PARAM_EVENT + " '" + value + "' of mailet " + getMailetName() + ": expected one of " + allowed));
        if (!log.isEnabled()) {
            LOGGER.warn("AuditRecord {}: auditing is off (no conf/sendguard-audit.properties): nothing is recorded",
                type.parameterName());
        }
    }

    /**
     * Records the event. When it cannot be recorded (the trail counts, logs and reports the failed write), or anything
     * else fails here, the mail does not go on unaudited: it goes to James's error processor.
     */
    @Override
    public void service(Mail mail) throws MessagingException {
        try {
            Failsafe.run("AuditRecord " + type.parameterName() + " on mail " + mail.getName(), () -> record(mail), failure -> {
                throw new MessagingException("Mail " + mail.getName() + ": audit event " + type.parameterName()
                    + " could not be recorded: " + (failure instanceof AuditException ? failure.getMessage() : Failsafe.describe(failure)));
            });
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("Mail " + mail.getName() + ": audit event " + type.parameterName() + " could not be recorded", e);
        }
    }

    private void record(Mail mail) throws MessagingException {
        AuditEvent.Builder event = AuditEvents.of(type, mail);
        if (type == AuditEventType.INSPECTED || type == AuditEventType.BLOCKED) {
            event.findings(AuditEvents.masked(FindingsAttribute.read(mail)));
        }
        if (type == AuditEventType.BLOCKED) {
            event.detail("processor", mail.getState());
            metrics.blocked();
        }
        log.append(event.build());
        LOGGER.debug("Mail {}: audit event {} recorded", mail.getName(), type.parameterName());
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard audit trail: records an event about each mail";
    }
}
