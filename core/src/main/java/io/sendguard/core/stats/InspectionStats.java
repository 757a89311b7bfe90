package io.sendguard.core.stats;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.inject.Singleton;

import io.sendguard.core.finding.Finding;

/**
 * Counts of what Sendguard inspected since James started, shared by the mailets (which count) and
 * the WebAdmin status route (which shows them). Thread-safe.
 */
@Singleton
public class InspectionStats {
    private final AtomicLong inspectedMails = new AtomicLong();
    private final AtomicLong mailsWithFindings = new AtomicLong();
    private final Map<String, LongAdder> findingsByCategory = new ConcurrentHashMap<>();

    /** A mail went through the content inspection (counted once per mail, by InspectContent). */
    public void recordInspectedMail() {
        inspectedMails.incrementAndGet();
    }

    /**
     * Findings a detector added to a mail (content, attachments, password mail, recipients), counted by
     * category; the mail counts as a mail with findings with the first ones it gets.
     *
     * @param added           the findings added
     * @param mailHadFindings whether the mail carried findings before these
     */
    public void recordFindings(Collection<Finding> added, boolean mailHadFindings) {
        if (!added.isEmpty() && !mailHadFindings) {
            mailsWithFindings.incrementAndGet();
        }
        for (Finding finding : added) {
            findingsByCategory.computeIfAbsent(finding.category(), c -> new LongAdder()).increment();
        }
    }

    public long inspectedMails() {
        return inspectedMails.get();
    }

    public long mailsWithFindings() {
        return mailsWithFindings.get();
    }

    /** A sorted snapshot. */
    public Map<String, Long> findingsByCategory() {
        Map<String, Long> snapshot = new TreeMap<>();
        findingsByCategory.forEach((category, count) -> snapshot.put(category, count.sum()));
        return snapshot;
    }
}
