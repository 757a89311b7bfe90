package io.sendguard.mailets;

import java.util.List;

import org.apache.mailet.Mail;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.mailets.audit.SendguardMetrics;
import io.sendguard.matchers.FindingsAttribute;

/**
 * Attaches a detector's findings to a mail and counts them, the same way for every detector
 * ({@code InspectContent}, {@code InspectAttachments}, {@code DetectPasswordMail}, {@code CheckRecipients}):
 * in the WebAdmin status ({@code findingsByCategory}, {@code mailsWithFindings}) and in James's metrics
 * ({@code sendguard_findings_<category>}).
 */
public final class DetectorFindings {
    private DetectorFindings() {
    }

    /**
     * @param stats   the status counters, or null when the mailet runs without Sendguard's Guice module
     * @param metrics the metrics ({@link SendguardMetrics#none()} without it)
     */
    public static void add(Mail mail, List<Finding> findings, InspectionStats stats, SendguardMetrics metrics) {
        if (findings.isEmpty()) {
            return;
        }
        boolean hadFindings = FindingsAttribute.hasFindings(mail);
        FindingsAttribute.append(mail, findings);
        if (stats != null) {
            stats.recordFindings(findings, hadFindings);
        }
        metrics.found(findings);
    }
}
