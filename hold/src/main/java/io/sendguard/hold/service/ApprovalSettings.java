package io.sendguard.hold.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.sendguard.hold.HeldMail;

/**
 * The approval keys of {@code conf/sendguard.properties}, validated once (part of {@link HoldSettings}).
 *
 * <table>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>approval.required</td><td>1</td><td>how many distinct approvers must approve a mail waiting for approval
 *     (1..5; 2 = double check); a Hold mailet's {@code approvalsRequired} overrides it for its mail</td></tr>
 * <tr><td>approval.checklist</td><td>(none)</td><td>comma-separated items an approver must tick before approving</td></tr>
 * <tr><td>approval.remindBefore</td><td>0 (off)</td><td>remind the approvers who have not approved yet this long
 *     before the approval deadline, once per mail</td></tr>
 * </table>
 */
public final class ApprovalSettings {
    public static final String REQUIRED = "approval.required";
    public static final String CHECKLIST = "approval.checklist";
    public static final String REMIND_BEFORE = "approval.remindBefore";
    public static final Set<String> KEYS = Set.of(REQUIRED, CHECKLIST, REMIND_BEFORE);

    private final int required;
    private final List<String> checklist;
    private final Duration remindBefore;

    private ApprovalSettings(int required, List<String> checklist, Duration remindBefore) {
        this.required = required;
        this.checklist = checklist;
        this.remindBefore = remindBefore;
    }

    /** @throws IllegalArgumentException naming the file and the key when a value is invalid */
    public static ApprovalSettings from(Properties properties, String source) {
        String requiredText = properties.getProperty(REQUIRED, "1").trim();
        int required;
        try {
            required = Integer.parseInt(requiredText);
        } catch (NumberFormatException e) {
            required = -1;
        }
        if (required < 1 || required > HeldMail.MAX_APPROVALS_REQUIRED) {
            throw new IllegalArgumentException(source + ": invalid " + REQUIRED + " '" + requiredText
                + "': expected a number of approvers from 1 to " + HeldMail.MAX_APPROVALS_REQUIRED);
        }
        Set<String> items = new LinkedHashSet<>();
        for (String item : properties.getProperty(CHECKLIST, "").split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        Duration remind;
        try {
            remind = Durations.parse(properties.getProperty(REMIND_BEFORE, "0"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": invalid " + REMIND_BEFORE + ": " + e.getMessage());
        }
        return new ApprovalSettings(required, Collections.unmodifiableList(new ArrayList<>(items)), remind);
    }

    /** Distinct approvals a mail waiting for approval needs, unless its Hold mailet says otherwise. */
    public int required() {
        return required;
    }

    /** Items an approver must tick before approving, in order; empty: no checklist. */
    public List<String> checklist() {
        return checklist;
    }

    /** How long before an approval deadline the approvers are reminded; zero: never. */
    public Duration remindBefore() {
        return remindBefore;
    }

    @Override
    public String toString() {
        return "required=" + required + ", checklist=" + checklist + ", remindBefore=" + remindBefore;
    }
}
