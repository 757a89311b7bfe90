package io.sendguard.hold.service;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HeldMailId;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.HoldStore;
import io.sendguard.hold.SetAsideMail;
import io.sendguard.hold.TransitionResult;
import io.sendguard.hold.token.ActionToken;
import io.sendguard.hold.token.ActionTokens;
import io.sendguard.hold.token.TokenAction;
import io.sendguard.hold.token.TokenVerification;

/**
 * The send-hold machinery with no James types: holding, the actions of senders, approvers and
 * admins (cancel, send now, cancel one recipient, approve, reject), signed links for them, and the
 * release of what is due. James adapters supply a {@link Dispatcher} (re-inject into James) and a
 * {@link Listener}s (notices, audit). Thread-safe.
 */
public final class HoldService {
    private static final Logger LOGGER = LoggerFactory.getLogger(HoldService.class);

    /** Path of the action pages on the web listener, under {@link HoldSettings#baseUrl()}; the token follows. */
    public static final String ACTIONS_PATH = "/actions/";
    /** HeldMail attribute: what to do when an approval deadline passes: {@code release} or {@code reject}. */
    public static final String ON_TIMEOUT = "sendguard.onTimeout";
    public static final String SYSTEM_ACTOR = "sendguard";
    /** Mails still RELEASING this long after their claim are given back for another attempt. */
    static final Duration RELEASE_LEASE = Duration.ofMinutes(1);

    /** Puts a released mail back into James. */
    public interface Dispatcher {
        void dispatch(HeldMail mail, InputStream payload) throws Exception;
    }

    /** Told after each change, for notices and the audit trail. Must not throw. */
    public interface Listener {
        default void held(HeldMail mail) {
        }

        default void decided(HeldMail mail, TokenAction action, String actor, String comment) {
        }

        default void released(HeldMail mail) {
        }

        default void expired(HeldMail mail) {
        }

        /** A mail whose files cannot be read was set aside (see {@link HoldStore#setAside()}). */
        default void setAside(SetAsideMail mail) {
        }

        /**
         * One approval of a mail that needs more (double check): the mail stays HELD with {@code approver} among its
         * {@link HeldMail#approvals()}. The last approval is a {@link #decided} APPROVE instead.
         */
        default void approvalRecorded(HeldMail mail, String approver, String comment) {
        }

        /** Several recipients were removed at once ({@link HoldService#removeRecipients}); the mail as it now is. */
        default void recipientsRemoved(HeldMail mail, List<String> removed, String actor, String comment) {
        }

        /** The approval deadline of a mail is near: remind those of its approvers who have not approved yet. */
        default void remind(HeldMail mail) {
        }
    }

    private final HoldStore store;
    private final ActionTokens tokens;
    private final HoldSettings settings;
    private final Clock clock;
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Tells every listener in turn; one that throws does not keep the others from hearing. */
    private final Listener listener = new Listener() {
        @Override
        public void held(HeldMail mail) {
            each(l -> l.held(mail));
        }

        @Override
        public void decided(HeldMail mail, TokenAction action, String actor, String comment) {
            each(l -> l.decided(mail, action, actor, comment));
        }

        @Override
        public void released(HeldMail mail) {
            each(l -> l.released(mail));
        }

        @Override
        public void expired(HeldMail mail) {
            each(l -> l.expired(mail));
        }

        @Override
        public void setAside(SetAsideMail mail) {
            each(l -> l.setAside(mail));
        }

        @Override
        public void approvalRecorded(HeldMail mail, String approver, String comment) {
            each(l -> l.approvalRecorded(mail, approver, comment));
        }

        @Override
        public void recipientsRemoved(HeldMail mail, List<String> removed, String actor, String comment) {
            each(l -> l.recipientsRemoved(mail, removed, actor, comment));
        }

        @Override
        public void remind(HeldMail mail) {
            each(l -> l.remind(mail));
        }

        private void each(java.util.function.Consumer<Listener> call) {
            for (Listener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    LOGGER.error("Hold listener {} failed: {}", l.getClass().getName(), e.toString());
                }
            }
        }
    };

    public HoldService(HoldStore store, ActionTokens tokens, HoldSettings settings, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
        store.onSetAside(listener::setAside);
    }

    /** Replaces every listener with this one. */
    public void setListener(Listener listener) {
        listeners.clear();
        listeners.add(listener);
    }

    /** Adds a listener, told after those added before it. */
    public void addListener(Listener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    public HoldStore store() {
        return store;
    }

    public HoldSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** Stores the mail durably, then tells the listener (which sends the notices). */
    public HeldMail hold(HeldMail mail, InputStream payload) {
        return hold(mail, (HoldStore.PayloadWriter) payload::transferTo);
    }

    /** {@link #hold(HeldMail, InputStream)} with the payload written straight into the store (no copy in memory). */
    public HeldMail hold(HeldMail mail, HoldStore.PayloadWriter payload) {
        store.put(mail, payload);
        LOGGER.info("sendguard-hold event=held id={} messageId={} mode={} recipients={} due={}", mail.id(),
            mail.messageId(), mail.mode(), mail.recipients().size(), mail.dueAt().map(Instant::toString).orElse("-"));
        listener.held(mail);
        return mail;
    }

    /** A signed link for one action; {@code address}: the recipient to cancel, or the approver. */
    public String link(HeldMail mail, TokenAction action, String address) {
        Duration ttl = settings.linkTtl();
        if (mail.dueAt().isPresent() && mail.mode() == HoldMode.APPROVAL) {
            ttl = max(ttl, Duration.between(clock.instant(), mail.dueAt().get()).plusHours(1));
        }
        return settings.baseUrl() + ACTIONS_PATH + tokens.issue(mail.id(), action, address, ttl);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Reads a link's token without using it up (for the confirmation page a GET shows). */
    public TokenVerification check(String token) {
        return tokens.verify(token);
    }

    /**
     * Uses a link: checks the token, then consumes it and performs its action. A link whose action the mail's
     * state already rules out (a send-now link after a cancel) is answered without being consumed: it did
     * nothing, so it is not "used" (asked again, it gives the same answer).
     */
    public ActionResult redeem(String token, String comment) {
        return redeem(token, comment, Set.of());
    }

    /**
     * {@link #redeem(String, String)} with the checklist items the approver ticked: an approve link goes through the
     * same checks as {@link #approve} (checklist, double check). A refused approval (checklist incomplete, already
     * approved by this approver) leaves the link unused.
     */
    public ActionResult redeem(String token, String comment, Set<String> ticked) {
        TokenVerification verification = tokens.verify(token);
        if (!verification.isOk()) {
            return tokenProblem(verification);
        }
        ActionToken t = verification.token().orElseThrow();
        Optional<HeldMail> mail = store.get(t.heldMailId());
        if (mail.isEmpty()) {
            return new ActionResult(ActionResult.Status.NOT_FOUND, t.action(), Optional.empty(), "no such held mail");
        }
        String recipient = t.action() == TokenAction.CANCEL_RECIPIENT ? t.recipient().orElse(null) : null;
        Optional<ActionResult> refused = refusal(mail.get(), t.action(), recipient);
        if (refused.isEmpty() && isDecision(t.action()) && !isApprover(mail.get(), t.recipient().orElse(""))) {
            // a link for someone who does not approve this mail: refused without being used up (the mail stays held)
            LOGGER.warn("sendguard-hold event=refused id={} action={} reason=not-an-approver", t.heldMailId(), t.action());
            refused = Optional.of(new ActionResult(ActionResult.Status.NOT_AN_APPROVER, t.action(), mail,
                "the link names someone who does not approve this mail"));
        }
        if (refused.isEmpty() && t.action() == TokenAction.APPROVE) {
            refused = approvalRefusal(mail.get(), t.recipient().orElse(""), ticked);
        }
        if (refused.isPresent()) {
            return refused.get();
        }
        TokenVerification used = tokens.redeem(token);
        if (!used.isOk()) {
            return tokenProblem(used);
        }
        String actor = isDecision(t.action()) ? t.recipient().orElseThrow() : mail.get().sender();
        if (t.action() == TokenAction.APPROVE) {
            return approve(t.heldMailId(), actor, comment, ticked);
        }
        return perform(t.heldMailId(), t.action(), recipient, actor, comment);
    }

    /**
     * An approver approves (the approver's inbox, an approve link): the approver must be one of the mail's
     * ({@link #isApprover}), the mail must wait for approval, every item of {@link HoldSettings#approvalChecklist()}
     * must be in {@code ticked}. The approval is recorded atomically; the mail leaves once
     * {@link HeldMail#approvalsRequired()} distinct approvers approved it (before that it stays HELD and the sender
     * hears "1 of 2"); the same approver twice counts once.
     *
     * @return DONE (the mail still HELD with one more approval, or APPROVED), NOT_FOUND, NOT_AN_APPROVER,
     *     NOT_ALLOWED, CONFLICT, CHECKLIST_INCOMPLETE (nothing recorded) or ALREADY_APPROVED
     */
    public ActionResult approve(HeldMailId id, String approver, String comment, Set<String> ticked) {
        Optional<HeldMail> found = store.get(id);
        if (found.isEmpty()) {
            return new ActionResult(ActionResult.Status.NOT_FOUND, TokenAction.APPROVE, Optional.empty(), "no such held mail");
        }
        HeldMail mail = found.get();
        Optional<ActionResult> refused = decisionRefusal(mail, TokenAction.APPROVE, approver);
        if (refused.isEmpty()) {
            refused = approvalRefusal(mail, approver, ticked);
        }
        if (refused.isPresent()) {
            return refused.get();
        }
        String note = comment == null ? "" : comment;
        TransitionResult result = store.recordApproval(id, approver, note, mail.approvalsRequired());
        switch (result.status()) {
            case APPLIED:
                HeldMail updated = result.mail().orElseThrow();
                if (updated.state() == HoldState.APPROVED) {
                    LOGGER.info("sendguard-hold event=decided id={} action={} actor=approver state={} approvals={}/{}", id,
                        TokenAction.APPROVE, updated.state(), updated.approvals().size(), updated.approvalsRequired());
                    listener.decided(updated, TokenAction.APPROVE, approver, note);
                } else {
                    LOGGER.info("sendguard-hold event=approval-recorded id={} approvals={}/{}", id,
                        updated.approvals().size(), updated.approvalsRequired());
                    listener.approvalRecorded(updated, approver, note);
                }
                return new ActionResult(ActionResult.Status.DONE, TokenAction.APPROVE, Optional.of(updated), "");
            case ALREADY_APPROVED:
                return alreadyApproved(result.mail().orElse(mail));
            case NOT_FOUND:
                return new ActionResult(ActionResult.Status.NOT_FOUND, TokenAction.APPROVE, Optional.empty(), "no such held mail");
            default:
                return conflict(TokenAction.APPROVE, result.mail().orElse(mail));
        }
    }

    /** An approver rejects the mail (one rejection is enough); the comment reaches the sender. */
    public ActionResult reject(HeldMailId id, String approver, String comment) {
        Optional<HeldMail> found = store.get(id);
        if (found.isEmpty()) {
            return new ActionResult(ActionResult.Status.NOT_FOUND, TokenAction.REJECT, Optional.empty(), "no such held mail");
        }
        Optional<ActionResult> refused = decisionRefusal(found.get(), TokenAction.REJECT, approver);
        return refused.orElseGet(() -> perform(id, TokenAction.REJECT, null, approver, comment));
    }

    /** Why this approver may not approve or reject the mail as it stands (not an approver, state, mode). */
    private static Optional<ActionResult> decisionRefusal(HeldMail mail, TokenAction action, String approver) {
        Optional<ActionResult> refused = refusal(mail, action, null);
        if (refused.isEmpty() && !isApprover(mail, approver == null ? "" : approver)) {
            LOGGER.warn("sendguard-hold event=refused id={} action={} reason=not-an-approver", mail.id(), action);
            refused = Optional.of(new ActionResult(ActionResult.Status.NOT_AN_APPROVER, action, Optional.of(mail),
                "not an approver of this mail"));
        }
        return refused;
    }

    /** Why this approval would not count: checklist items not ticked, or this approver approved already. */
    private Optional<ActionResult> approvalRefusal(HeldMail mail, String approver, Set<String> ticked) {
        List<String> missing = missingChecks(ticked);
        if (!missing.isEmpty()) {
            return Optional.of(new ActionResult(ActionResult.Status.CHECKLIST_INCOMPLETE, TokenAction.APPROVE,
                Optional.of(mail), "not ticked: " + String.join(", ", missing)));
        }
        if (mail.isApprovedBy(approver)) {
            return Optional.of(alreadyApproved(mail));
        }
        return Optional.empty();
    }

    /** The checklist items not in {@code ticked}, in checklist order. */
    public List<String> missingChecks(Set<String> ticked) {
        Set<String> given = new java.util.HashSet<>();
        for (String item : ticked == null ? Set.<String>of() : ticked) {
            given.add(item.strip());
        }
        List<String> missing = new java.util.ArrayList<>();
        for (String item : settings.approvalChecklist()) {
            if (!given.contains(item)) {
                missing.add(item);
            }
        }
        return missing;
    }

    private static ActionResult alreadyApproved(HeldMail mail) {
        return new ActionResult(ActionResult.Status.ALREADY_APPROVED, TokenAction.APPROVE, Optional.of(mail),
            "already approved by this approver (" + mail.approvals().size() + " of " + mail.approvalsRequired() + ")");
    }

    /**
     * Removes a set of recipients of a HELD or APPROVED mail, all or none: each address must be a remaining
     * recipient, otherwise NO_SUCH_RECIPIENT naming the first that is not (nothing removed). Removing every recipient
     * cancels the mail. The listeners hear one {@link Listener#recipientsRemoved} for the set.
     */
    public ActionResult removeRecipients(HeldMailId id, List<String> addresses, String actor) {
        Optional<HeldMail> found = store.get(id);
        if (found.isEmpty()) {
            return new ActionResult(ActionResult.Status.NOT_FOUND, TokenAction.CANCEL_RECIPIENT, Optional.empty(),
                "no such held mail");
        }
        if (addresses == null || addresses.isEmpty()) {
            return new ActionResult(ActionResult.Status.NO_SUCH_RECIPIENT, TokenAction.CANCEL_RECIPIENT, found,
                "no recipient given");
        }
        TransitionResult result = store.removeRecipients(id, addresses, actor, "");
        switch (result.status()) {
            case APPLIED:
                HeldMail updated = result.mail().orElseThrow();
                List<String> removed = updated.removedRecipients().subList(
                    updated.removedRecipients().size() - addresses.size(), updated.removedRecipients().size());
                LOGGER.info("sendguard-hold event=decided id={} action={} actor={} state={} removed={}", id,
                    TokenAction.CANCEL_RECIPIENT, actorKind(updated, actor), updated.state(), removed.size());
                listener.recipientsRemoved(updated, List.copyOf(removed), actor, "");
                return new ActionResult(ActionResult.Status.DONE, TokenAction.CANCEL_RECIPIENT, Optional.of(updated), "");
            case NO_SUCH_RECIPIENT: {
                HeldMail now = result.mail().orElse(found.get());
                String first = firstNotAmong(addresses, now.recipients());
                return new ActionResult(ActionResult.Status.NO_SUCH_RECIPIENT, TokenAction.CANCEL_RECIPIENT,
                    Optional.of(now), "not a recipient of this mail: " + first);
            }
            case NOT_FOUND:
                return new ActionResult(ActionResult.Status.NOT_FOUND, TokenAction.CANCEL_RECIPIENT, Optional.empty(),
                    "no such held mail");
            default:
                return conflict(TokenAction.CANCEL_RECIPIENT, result.mail().orElse(found.get()));
        }
    }

    /** The first address not among {@code recipients} (also the second of a duplicate pair). */
    private static String firstNotAmong(List<String> addresses, List<String> recipients) {
        List<String> left = new java.util.ArrayList<>(recipients);
        for (String address : addresses) {
            Optional<String> match = left.stream().filter(address::equalsIgnoreCase).findFirst();
            if (match.isEmpty()) {
                return address;
            }
            left.remove(match.get());
        }
        return addresses.get(0);
    }

    private static boolean isDecision(TokenAction action) {
        return action == TokenAction.APPROVE || action == TokenAction.REJECT;
    }

    /**
     * Whether {@code address} may approve or reject this mail: one of its approvers (the stand-ins configured for
     * it are among them), never its sender.
     */
    public static boolean isApprover(HeldMail mail, String address) {
        return !address.isBlank() && !address.equalsIgnoreCase(mail.sender())
            && mail.approvers().stream().anyMatch(address::equalsIgnoreCase);
    }

    /** Why the mail, as it stands, rules the action out; empty when it may be tried. No side effects. */
    private static Optional<ActionResult> refusal(HeldMail mail, TokenAction action, String recipient) {
        boolean open = mail.state() == HoldState.HELD || mail.state() == HoldState.APPROVED;
        switch (action) {
            case CANCEL:
                return open ? Optional.empty() : Optional.of(conflict(action, mail));
            case SEND_NOW:
                if (mail.mode() == HoldMode.APPROVAL) {
                    return Optional.of(new ActionResult(ActionResult.Status.NOT_ALLOWED, action, Optional.of(mail),
                        "this mail waits for approval"));
                }
                return mail.state() == HoldState.HELD ? Optional.empty() : Optional.of(conflict(action, mail));
            case CANCEL_RECIPIENT:
                if (recipient == null || recipient.isBlank()) {
                    return Optional.of(new ActionResult(ActionResult.Status.NO_SUCH_RECIPIENT, action, Optional.of(mail),
                        "no recipient given"));
                }
                return open ? Optional.empty() : Optional.of(conflict(action, mail));
            case APPROVE:
            case REJECT:
                if (mail.mode() != HoldMode.APPROVAL) {
                    return Optional.of(new ActionResult(ActionResult.Status.NOT_ALLOWED, action, Optional.of(mail),
                        "this mail does not wait for approval"));
                }
                return mail.state() == HoldState.HELD ? Optional.empty() : Optional.of(conflict(action, mail));
            default:
                throw new IllegalArgumentException("unknown action " + action);
        }
    }

    static ActionResult tokenProblem(TokenVerification verification) {
        TokenAction action = verification.token().map(ActionToken::action).orElse(null);
        switch (verification.status()) {
            case EXPIRED:
                return new ActionResult(ActionResult.Status.TOKEN_EXPIRED, action, Optional.empty(), "link expired");
            case ALREADY_USED:
                return new ActionResult(ActionResult.Status.TOKEN_USED, action, Optional.empty(), "link already used");
            default:
                return new ActionResult(ActionResult.Status.TOKEN_TAMPERED, action, Optional.empty(), "link not valid");
        }
    }

    /**
     * Performs an action for a sender, approver or admin. Concurrent or repeated requests have exactly
     * one winner; the others get CONFLICT with the mail as it now stands.
     *
     * @param recipient the recipient to drop, for CANCEL_RECIPIENT; otherwise ignored
     */
    public ActionResult perform(HeldMailId id, TokenAction action, String recipient, String actor, String comment) {
        Optional<HeldMail> found = store.get(id);
        if (found.isEmpty()) {
            return new ActionResult(ActionResult.Status.NOT_FOUND, action, Optional.empty(), "no such held mail");
        }
        HeldMail mail = found.get();
        String note = comment == null ? "" : comment;
        if (action == TokenAction.CANCEL_RECIPIENT && (recipient == null || recipient.isBlank())) {
            return new ActionResult(ActionResult.Status.NO_SUCH_RECIPIENT, action, Optional.of(mail), "no recipient given");
        }
        if (action != TokenAction.CANCEL_RECIPIENT) {
            // the store decides for a recipient (the mail's state and its recipients, atomically)
            Optional<ActionResult> refused = refusal(mail, action, recipient);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        TransitionResult result;
        switch (action) {
            case CANCEL:
                result = store.transition(id, mail.state(), HoldState.CANCELLED, actor, note);
                break;
            case SEND_NOW:
                result = store.transition(id, HoldState.HELD, HoldState.APPROVED, actor, note);
                break;
            case CANCEL_RECIPIENT:
                result = store.removeRecipient(id, recipient, actor, note);
                break;
            case APPROVE:
            case REJECT:
                result = store.transition(id, HoldState.HELD,
                    action == TokenAction.APPROVE ? HoldState.APPROVED : HoldState.REJECTED, actor, note);
                break;
            default:
                throw new IllegalArgumentException("unknown action " + action);
        }
        switch (result.status()) {
            case APPLIED:
                HeldMail updated = result.mail().orElse(mail);
                LOGGER.info("sendguard-hold event=decided id={} action={} actor={} state={}", id, action,
                    actorKind(updated, actor), updated.state());
                listener.decided(updated, action, actor, note);
                return new ActionResult(ActionResult.Status.DONE, action, Optional.of(updated), "");
            case NOT_FOUND:
                return new ActionResult(ActionResult.Status.NOT_FOUND, action, Optional.empty(), "no such held mail");
            case NO_SUCH_RECIPIENT:
                return new ActionResult(ActionResult.Status.NO_SUCH_RECIPIENT, action, result.mail(),
                    "not a recipient of this mail");
            default:
                return conflict(action, result.mail().orElse(mail));
        }
    }

    /** Who acted, without naming the person in the log: sender, approver, admin or system. */
    private static String actorKind(HeldMail mail, String actor) {
        if (actor.equalsIgnoreCase(mail.sender())) {
            return "sender";
        }
        if (mail.approvers().stream().anyMatch(actor::equalsIgnoreCase)) {
            return "approver";
        }
        return actor.contains("@") ? "other" : actor;
    }

    private static ActionResult conflict(TokenAction action, HeldMail mail) {
        return new ActionResult(ActionResult.Status.CONFLICT, action, Optional.of(mail),
            "already " + mail.state().name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Releases what is due (at most {@code limit} mails): each is handed to the dispatcher, stamped with its
     * release attempt, and stays RELEASING until the last step before James's outgoing queue confirms it
     * ({@link #confirmReleased}). The release gate ({@link #admitRelease}) lets the first copy through; a copy
     * that has not reached the gate after {@link #RELEASE_LEASE} (its dispatch failed, or James's spool is
     * slow) is dispatched again, and whichever copy reaches the gate first wins. An approval whose deadline
     * passed is released or expired as the mail says.
     *
     * @return how many mails were dispatched
     */
    public int releaseDue(Dispatcher dispatcher, int limit) {
        Instant now = clock.instant();
        store.recoverReleasing(now.minus(RELEASE_LEASE));
        List<HeldMail> due = store.claimDue(now, limit);
        int dispatched = 0;
        for (HeldMail mail : due) {
            try {
                if (releaseOne(mail, dispatcher)) {
                    dispatched++;
                }
            } catch (RuntimeException e) {
                // one mail's failure does not keep the others from being released; it is given back after the lease
                LOGGER.error("Held mail {}: release failed, retried in {}: {}", mail.id(), RELEASE_LEASE, e.toString());
            }
        }
        return dispatched;
    }

    /** Expires or dispatches one claimed mail; true when dispatched. */
    private boolean releaseOne(HeldMail mail, Dispatcher dispatcher) {
        if (mail.mode() == HoldMode.APPROVAL && !mail.isApproved()
            && !"release".equals(mail.attributes().get(ON_TIMEOUT))) {
            TransitionResult expired = store.transition(mail.id(), HoldState.RELEASING, HoldState.EXPIRED,
                SYSTEM_ACTOR, "approval deadline passed");
            if (expired.isApplied()) {
                LOGGER.info("sendguard-hold event=expired id={} messageId={}", mail.id(), mail.messageId());
                listener.expired(expired.mail().orElse(mail));
            }
            return false;
        }
        Optional<InputStream> opened = store.openPayload(mail.id());
        if (opened.isEmpty()) {
            // retrying cannot bring the message back: out of the way, for an admin to look at
            store.setAside(mail.id(), "its message file is missing");
            return false;
        }
        try (InputStream payload = opened.get()) {
            dispatcher.dispatch(mail, payload);
        } catch (Exception e) {
            LOGGER.error("Held mail {}: release failed, retried in {}: {}", mail.id(), RELEASE_LEASE, e.toString());
            return false;
        }
        LOGGER.debug("sendguard-hold event=dispatched id={}", mail.id());
        return true;
    }

    /**
     * Reminds the approvers of HELD mails waiting for approval whose deadline falls within
     * {@link HoldSettings#approvalRemindBefore()} (nothing when it is zero), once per mail: the mail is marked
     * {@link HeldMail#REMINDED} first (durably, so a restart does not remind again), then the listeners are told. A mail
     * held when its deadline was already that near gets no reminder (its approval request is fresh).
     *
     * @return how many mails were reminded
     */
    public int remindDue() {
        java.time.Duration window = settings.approvalRemindBefore();
        if (window.isZero()) {
            return 0;
        }
        Instant now = clock.instant();
        Instant horizon = now.plus(window);
        List<HeldMail> candidates = new java.util.ArrayList<>();
        io.sendguard.hold.HoldQuery query = io.sendguard.hold.HoldQuery.all().withState(HoldState.HELD)
            .withMode(HoldMode.APPROVAL);
        for (int offset = 0; ; offset += io.sendguard.hold.HoldQuery.MAX_LIMIT) {
            io.sendguard.hold.HoldPage page = store.list(query.withPage(offset, io.sendguard.hold.HoldQuery.MAX_LIMIT));
            for (HeldMail mail : page.items()) {
                Optional<Instant> due = mail.dueAt();
                if (due.isPresent() && due.get().isAfter(now) && !due.get().isAfter(horizon)
                    && mail.createdAt().isBefore(due.get().minus(window))
                    && !mail.attributes().containsKey(HeldMail.REMINDED)) {
                    candidates.add(mail);
                }
            }
            if (!page.hasMore()) {
                break;
            }
        }
        int reminded = 0;
        for (HeldMail mail : candidates) {
            TransitionResult marked = store.putAttributeIfAbsent(mail.id(), HoldState.HELD, HeldMail.REMINDED, now.toString());
            if (marked.isApplied()) {
                LOGGER.info("sendguard-hold event=reminded id={} deadline={}", mail.id(), mail.dueAt().orElseThrow());
                listener.remind(marked.mail().orElseThrow());
                reminded++;
            }
        }
        return reminded;
    }

    /**
     * The release processor could not let a released copy through (it failed after the release decision): the mail
     * goes back on hold, not approved, with the reason as its last decision, to be decided again (WebAdmin, or an
     * unused link); the copy must then be dropped by the caller. Nothing is sent, nothing is lost.
     *
     * @return true when the mail went back on hold (the copy may be dropped); false when it was not being released
     *     (the caller must keep the copy)
     */
    public boolean releaseFailed(HeldMailId id, String reason) {
        TransitionResult back = store.releaseFailed(id, reason);
        if (back.isApplied()) {
            LOGGER.error("sendguard-hold event=release-failed id={} reason={}: back on hold for a new decision", id, reason);
            return true;
        }
        LOGGER.error("sendguard-hold event=release-failed id={} reason={}: the mail is {}", id, reason,
            back.mail().map(m -> m.state().name()).orElse("gone"));
        return false;
    }

    /**
     * The release gate, first step of the release processor: may this released copy (held mail {@code id},
     * release attempt {@code attempt}) go on? The first copy to get here while the mail is RELEASING wins; that
     * same copy coming back (James's spool processing it again after a crash) passes again, even once the mail
     * is RELEASED; a copy of another attempt (a release repeated while the first copy waited), or a copy of a
     * mail that is no longer being released (held again after a restart, cancelled), is dropped. A copy of an
     * unknown mail passes: nothing here says it must not be sent.
     *
     * @return true when the caller passes the copy on, false when it must drop it
     */
    public boolean admitRelease(HeldMailId id, int attempt) {
        Optional<HeldMail> mail = store.get(id);
        if (mail.isEmpty()) {
            LOGGER.warn("Released copy of unknown held mail {} (attempt {}): passed on", id, attempt);
            return true;
        }
        HoldState state = mail.get().state();
        if (state != HoldState.RELEASING && state != HoldState.RELEASED) {
            LOGGER.warn("Released copy of held mail {} (attempt {}) arrived while it is {}: dropped", id, attempt, state);
            return false;
        }
        int winner = store.recordDispatch(id, attempt);
        if (winner != attempt) {
            LOGGER.warn("Released copy of held mail {}: attempt {} after attempt {} went on: duplicate dropped", id,
                attempt, winner);
            return false;
        }
        return true;
    }

    /**
     * The last step before James's outgoing queue: marks the mail RELEASED (told to the listeners once). A copy
     * passing again (James's spool processing it again after a crash) changes nothing.
     */
    public void confirmReleased(HeldMailId id) {
        TransitionResult released = store.markReleased(id);
        if (released.isApplied()) {
            HeldMail mail = released.mail().orElseThrow();
            LOGGER.info("sendguard-hold event=released id={} messageId={} recipients={} approved={}", mail.id(),
                mail.messageId(), mail.recipients().size(), mail.isApproved());
            listener.released(mail);
        }
    }

    /**
     * At startup: mails that were being released when James stopped are released again (a copy that was in
     * James's pipeline may be lost with a spool in memory; with a durable spool the first copy at the gate wins).
     *
     * @return how many mails were given back
     */
    public int recoverAfterRestart() {
        return store.recoverAfterRestart();
    }

    /**
     * Deletes mails that reached a final state (sent, cancelled, rejected, expired) longer ago than
     * {@link HoldSettings#retention()}; until then an admin can still read and resend them.
     *
     * @return how many were deleted
     */
    public int purgeOld() {
        if (settings.retention().isZero()) {
            return 0;
        }
        Instant limit = clock.instant().minus(settings.retention());
        int deleted = 0;
        for (HoldState state : HoldState.values()) {
            if (!state.isTerminal()) {
                continue;
            }
            int offset = 0;
            while (true) {
                io.sendguard.hold.HoldPage page = store.list(io.sendguard.hold.HoldQuery.all().withState(state)
                    .withPage(offset, io.sendguard.hold.HoldQuery.MAX_LIMIT));
                int kept = 0;
                for (HeldMail mail : page.items()) {
                    Instant finished = mail.lastDecision().map(d -> d.at()).orElse(mail.createdAt());
                    if (finished.isBefore(limit) && store.delete(mail.id())) {
                        deleted++;
                    } else {
                        kept++;
                    }
                }
                if (!page.hasMore()) {
                    break;
                }
                offset += kept;
            }
        }
        if (deleted > 0) {
            LOGGER.info("sendguard-hold event=purged count={} olderThan={}", deleted, limit);
        }
        return deleted;
    }

}
