package io.sendguard.hold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rule of an approval (double check, ダブルチェック), with no storage in it, so that every {@link HoldStore}
 * applies the same one inside its compare-and-set: a HELD mail waiting for approval records each distinct approver;
 * the approval that reaches {@code required} moves it to APPROVED (due at once, {@link HeldMail#APPROVED_BY} the last
 * approver); an approver who approved already does not count again.
 */
public final class ApprovalRule {
    /** What an approval does to a mail as it stands. */
    public enum Outcome {
        /** One more approval recorded; the mail still waits for the others (HELD). */
        RECORDED,
        /** The last approval needed: the mail is APPROVED. */
        APPROVED,
        /** This approver approved the mail already: nothing changes. */
        ALREADY_APPROVED,
        /** The mail does not wait for approval (not HELD, or not in approval mode): nothing changes. */
        NOT_WAITING
    }

    private ApprovalRule() {
    }

    /** What {@code approver}'s approval does to {@code mail}. */
    public static Outcome outcome(HeldMail mail, String approver, int required) {
        if (mail.state() != HoldState.HELD || mail.mode() != HoldMode.APPROVAL) {
            return Outcome.NOT_WAITING;
        }
        if (mail.isApprovedBy(approver)) {
            return Outcome.ALREADY_APPROVED;
        }
        return mail.approvals().size() + 1 >= Math.max(1, required) ? Outcome.APPROVED : Outcome.RECORDED;
    }

    /**
     * The mail after {@code approver}'s approval (version unchanged: the store sets it), for the outcomes RECORDED and
     * APPROVED; empty for the others.
     */
    public static Optional<HeldMail.Builder> apply(HeldMail mail, String approver, String comment, int required,
                                                   Instant now) {
        Objects.requireNonNull(approver, "approver");
        Outcome outcome = outcome(mail, approver, required);
        if (outcome != Outcome.RECORDED && outcome != Outcome.APPROVED) {
            return Optional.empty();
        }
        List<String> approvals = new ArrayList<>(mail.approvals());
        approvals.add(approver);
        Map<String, String> attributes = new TreeMap<>(mail.attributes());
        attributes.put(HeldMail.APPROVALS, String.join("\n", approvals));
        HeldMail.Builder b = mail.toBuilder().lastDecision(new Decision(approver, comment, now));
        if (outcome == Outcome.APPROVED) {
            attributes.put(HeldMail.APPROVED_BY, approver);
            b.state(HoldState.APPROVED).dueAt(now);
        }
        return Optional.of(b.attributes(attributes));
    }
}
