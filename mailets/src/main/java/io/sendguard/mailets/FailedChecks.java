package io.sendguard.mailets;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.inspection.extract.ProblemWords;
import io.sendguard.mailets.audit.SendguardMetrics;

/**
 * The one safe action of every checking mailet, detectors and recipient checks alike. The boundary of a detector mailet ({@code InspectContent}, {@code InspectAttachments}, {@code DetectPasswordMail}):
 * whatever its inspection throws, {@link Error}s included, goes through {@link Failsafe} and becomes the safe
 * action: a finding {@value #RULE} of category {@value #CATEGORY}, severity HIGH, saying in words what could not be
 * read, so that the mail is held for review like any mail that could not be inspected.
 */
public final class FailedChecks {
    public static final String RULE = "inspection.failed";
    public static final String CATEGORY = "uninspectable";

    private FailedChecks() {
    }

    /**
     * @param what what the detector reads, for the finding: "the content", "attachments"...
     */
    static void inspect(String where, Mail mail, String what, Failsafe.VoidBody inspection, InspectionStats stats,
                        SendguardMetrics metrics) throws MessagingException {
        try {
            Failsafe.run(where + " on mail " + mail.getName(), inspection, failure -> {
                DetectorFindings.add(mail, List.of(finding(what, failure)), stats, metrics);
                return null;
            });
        } catch (MessagingException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("Cannot mark mail " + mail.getName() + " as not inspected", e);
        }
    }

    /** The finding for a failed inspection: an exception in the words of {@link ProblemWords}, an error in Failsafe's. */
    static Finding finding(String what, Throwable failure) {
        String words = failure instanceof Exception ? ProblemWords.of(failure) : Failsafe.describe(failure);
        return Finding.of(RULE, CATEGORY, Severity.HIGH, "message", what + " could not be read: " + words);
    }

    /** The finding that holds a mail for review because the check {@code what} could not be made at {@code location}. */
    public static List<Finding> notChecked(String what, String location, Throwable failure) {
        return List.of(Finding.of(RULE, CATEGORY, Severity.HIGH, location, what + " could not be made: " + Failsafe.describe(failure)));
    }

    /**
     * What a mailet's {@code service} throws when its safe action itself failed ({@link Failsafe} rethrows it as it
     * is): James then sends the mail to its error processor.
     */
    public static MessagingException unhandled(String mailet, Mail mail, Exception failure) {
        if (failure instanceof MessagingException) {
            return (MessagingException) failure;
        }
        return new MessagingException(mailet + ": the safe action for mail " + mail.getName() + " failed", failure);
    }
}
