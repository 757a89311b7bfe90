package io.sendguard.mailets.recipients;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.core.history.RecipientFacts;
import io.sendguard.core.history.SendingHistory;

/**
 * Teaches Sendguard's sending history that the sender has now written to the mail's recipients
 * (their addresses, domains and the look-alike skeletons of the domains, as keyed hashes), so that
 * {@code CheckRecipients} no longer reports them as first-time recipients. Put it where mail is
 * really sent: in the release processor, after {@code ReleaseHeld}; a cancelled or rejected mail
 * never gets there and teaches nothing. Recipients in domains James is local for are not recorded.
 * The mail is not changed; a failure to record is logged and the mail goes on.
 *
 * <pre>{@code
 * <processor state="sendguard-release">
 *     <mailet match="All" class="io.sendguard.mailets.ReleaseHeld"/>
 *     <mailet match="All" class="io.sendguard.mailets.recipients.RecordSent"/>
 *     ...
 * </processor>
 * }</pre>
 *
 * The history's key and place are in {@code conf/sendguard-history.properties}.
 */
public class RecordSent extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordSent.class);

    private final RecipientLists lists;
    private SendingHistory history;

    @Inject
    public RecordSent(RecipientLists lists) {
        this.lists = lists;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of());
        try {
            history = lists.history();
        } catch (IllegalStateException e) {
            throw new MessagingException("Mailet " + getMailetName() + " needs the sending history: " + e.getMessage());
        }
    }

    /**
     * Records the recipients; the mail is already released, so whatever fails inside ({@code Error}s included) is
     * logged and the mail goes on: a missing history entry only makes a later mail to the same recipient "first
     * time" again.
     */
    @Override
    public void service(Mail mail) {
        Failsafe.keepAlive("RecordSent on mail " + mail.getName(), () -> record(mail));
    }

    private void record(Mail mail) {
        Optional<String> sender = mail.getMaybeSender().asOptional().map(a -> InternalDomains.normalizeAddress(a.asString()))
            .filter(a -> InternalDomains.domainOf(a).isPresent());
        if (sender.isEmpty()) {
            return;
        }
        List<String> external = InternalDomains.externalRecipients(mail, getMailetContext());
        if (external.isEmpty()) {
            return;
        }
        try {
            history.add(sender.get(), RecipientFacts.of(external));
            LOGGER.debug("Mail {}: {} recipient(s) recorded in the sending history", mail.getName(), external.size());
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Mail {}: its recipients could not be recorded in the sending history: {}", mail.getName(), e.toString());
        }
    }

    @Override
    public String getMailetInfo() {
        return "Sendguard: records the recipients of sent mail in the sending history";
    }
}
