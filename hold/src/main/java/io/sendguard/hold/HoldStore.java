package io.sendguard.hold;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable store of held outgoing mail. Implementations must be thread safe. Every state change is a
 * compare-and-set on the current state, so the contract maps directly onto a shared SQL table
 * ({@code UPDATE held SET state=?, version=version+1 WHERE id=? AND state=?}, and for
 * {@link #claimDue} {@code SELECT ... WHERE state IN ('HELD','APPROVED') AND due_at <= ? ORDER BY due_at
 * LIMIT ? FOR UPDATE SKIP LOCKED}) used by several James nodes.
 *
 * <h2>Release protocol: nothing lost, duplicates only after a crash</h2>
 * <ol>
 *   <li>{@link #claimDue} (or {@link #transition} to {@link HoldState#RELEASING} for "send now")
 *       durably moves the mail to RELEASING, counting a release attempt. Only one caller ever gets a given
 *       mail.</li>
 *   <li>The caller re-injects the payload into James's spool (processor {@link HeldMail#releaseProcessor()}),
 *       stamping the held-mail id and the attempt number on it.</li>
 *   <li>The first step of the release processor (the release gate) calls {@link #recordDispatch}: the first
 *       copy to get there wins and is journalled with its attempt; a copy of another attempt (a release
 *       repeated while the first copy waited in the spool) is dropped, and the winning copy coming back (the
 *       spool processing it again after a crash) passes again.</li>
 *   <li>The last step before James's outgoing queue calls {@link #markReleased}.</li>
 * </ol>
 * A mail whose copy never reached the gate (lost before James's spool accepted it) stays RELEASING;
 * {@link #recoverReleasing} gives it back after a lease. After a restart {@link #recoverAfterRestart} gives
 * back every RELEASING mail and clears its journal entry, since a copy may have been lost with the process
 * (a spool in memory): the store is at-least-once, never at-most-once.
 */
public interface HoldStore {

    /**
     * Stores a new held mail durably; when this returns, a crash cannot lose it.
     *
     * @param mail    metadata; state must be {@link HoldState#HELD} with at least one recipient
     * @param payload the raw MIME bytes, read to the end (not closed)
     * @throws IllegalStateException when a mail with that id already exists
     * @throws HoldStoreException    on storage failure (nothing is visible then)
     */
    default void put(HeldMail mail, InputStream payload) {
        put(mail, (PayloadWriter) payload::transferTo);
    }

    /**
     * Stores a new held mail durably, its payload written by {@code payload} straight into the store (a large mail
     * is not copied into memory first); when this returns, a crash cannot lose it.
     *
     * @param mail    metadata; state must be {@link HoldState#HELD} with at least one recipient
     * @param payload writes the raw MIME bytes
     * @throws IllegalStateException when a mail with that id already exists
     * @throws HoldStoreException    on storage failure, the writer's included (nothing is visible then)
     */
    void put(HeldMail mail, PayloadWriter payload);

    /** Writes a held mail's raw MIME bytes to the stream it is given (and does not close it). */
    @FunctionalInterface
    interface PayloadWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores a new held mail whose payload is in a file.
     *
     * @param mail        metadata
     * @param payloadFile file holding the raw MIME bytes
     */
    default void put(HeldMail mail, Path payloadFile) {
        try (InputStream in = Files.newInputStream(payloadFile)) {
            put(mail, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the metadata, empty when unknown, deleted or archived */
    Optional<HeldMail> get(HeldMailId id);

    /** @return a new stream on the raw MIME bytes (caller closes it), empty when unknown */
    Optional<InputStream> openPayload(HeldMailId id);

    /**
     * Lists metadata (payloads are never read) matching the query, newest first.
     *
     * @param query filters and page
     * @return the page
     */
    HoldPage list(HoldQuery query);

    /** @return number of mails in that state */
    long count(HoldState state);

    /** @return number of mails per state; every state is present (possibly 0) */
    Map<HoldState, Long> countByState();

    /**
     * Atomically claims up to {@code limit} mails that are HELD or APPROVED with a due time at or
     * before {@code now}, earliest due first, moving each to RELEASING. Each mail is returned to exactly
     * one caller even when called concurrently.
     *
     * @param now   reference instant
     * @param limit maximum number of mails to claim, at least 1
     * @return the claimed mails, in state RELEASING, ordered by due time
     */
    List<HeldMail> claimDue(Instant now, int limit);

    /**
     * Compare-and-set of the state. Approving sets the due time to the approval instant so that the
     * next {@link #claimDue} releases the mail. Moving to RELEASING counts as a release attempt.
     *
     * @param id       the mail
     * @param expected state the caller saw; nothing changes unless the mail is still in it
     * @param target   the new state; must satisfy {@code expected.canTransitionTo(target)}
     * @param actor    who decides (recorded as the last decision)
     * @param comment  optional free text
     * @return APPLIED for the single winner, CONFLICT (with the current state) or NOT_FOUND otherwise
     * @throws IllegalArgumentException when {@code expected -> target} is not a legal edge
     */
    TransitionResult transition(HeldMailId id, HoldState expected, HoldState target, String actor, String comment);

    /**
     * Removes one envelope recipient of a HELD or APPROVED mail (per-recipient cancel). Removing the
     * last remaining recipient cancels the mail (state CANCELLED).
     *
     * @param id      the mail
     * @param address recipient to remove, case-insensitive
     * @param actor   who removes it
     * @param comment optional free text
     * @return APPLIED, NOT_FOUND, NO_SUCH_RECIPIENT, or CONFLICT when the mail is no longer cancellable
     */
    TransitionResult removeRecipient(HeldMailId id, String address, String actor, String comment);

    /**
     * Removes several envelope recipients of a HELD or APPROVED mail at once: all of them or none. Removing every
     * remaining recipient cancels the mail (state CANCELLED).
     *
     * @param addresses recipients to remove, case-insensitive, at least one
     * @return APPLIED, NOT_FOUND, NO_SUCH_RECIPIENT (one of them is not a remaining recipient: nothing removed), or
     *     CONFLICT when the mail is no longer cancellable
     */
    TransitionResult removeRecipients(HeldMailId id, List<String> addresses, String actor, String comment);

    /**
     * Records one approver's approval of a HELD mail waiting for approval, as a compare-and-set applying
     * {@link ApprovalRule}: the approver is added to {@link HeldMail#approvals()}; the approval that makes
     * {@code required} distinct approvers moves the mail to APPROVED (due at once). Concurrent approvals by different
     * approvers are all counted and exactly one of them approves the mail; the same approver twice counts once.
     *
     * @param required how many distinct approvals release the mail (the mail's {@link HeldMail#approvalsRequired()})
     * @return APPLIED (the mail still HELD with one more approval, or APPROVED), ALREADY_APPROVED, NOT_FOUND, or
     *     CONFLICT when the mail no longer waits for approval
     */
    TransitionResult recordApproval(HeldMailId id, String approver, String comment, int required);

    /**
     * Sets an attribute once: only while the mail is in state {@code expected} and the attribute is absent
     * (e.g. {@link HeldMail#REMINDED}, so that a reminder goes out once, also across restarts).
     *
     * @return APPLIED for the one caller that set it, CONFLICT (state differs or attribute present) or NOT_FOUND
     */
    TransitionResult putAttributeIfAbsent(HeldMailId id, HoldState expected, String key, String value);

    /**
     * Marks a RELEASING mail RELEASED; call only when the released copy is past the last step before James's
     * outgoing queue.
     *
     * @param id the mail
     * @return APPLIED, CONFLICT (not RELEASING) or NOT_FOUND
     */
    TransitionResult markReleased(HeldMailId id);

    /**
     * Release journal: durable insert-if-absent of "a released copy of this mail, of this attempt, passed the
     * release gate".
     *
     * @param id      the held mail id stamped on the released copy
     * @param attempt the release attempt stamped on it
     * @return the attempt journalled for this mail: {@code attempt} for the first call since the journal entry
     *         was created or cleared, the first caller's attempt otherwise
     */
    int recordDispatch(HeldMailId id, int attempt);

    /**
     * Deletes a mail in a terminal state (payload, metadata, journal entry).
     *
     * @param id the mail
     * @return false when unknown
     * @throws IllegalStateException when the mail is not in a terminal state
     */
    boolean delete(HeldMailId id);

    /**
     * Moves a mail in a terminal state out of the live store into the archive (kept for audit).
     *
     * @param id the mail
     * @return false when unknown
     * @throws IllegalStateException when the mail is not in a terminal state
     */
    boolean archive(HeldMailId id);

    /**
     * Lease recovery while running: mails still RELEASING that were claimed at or before {@code claimedBefore}
     * and whose copy has not passed the release gate ({@link #recordDispatch}) go back to HELD (TIMED) or
     * APPROVED (APPROVAL) with a due time no later than now, so the next {@link #claimDue} releases them again.
     * Mails whose copy passed the gate are left alone: that copy is in James's pipeline.
     *
     * @param claimedBefore only mails claimed at or before this instant are recovered
     * @return number of recovered mails
     */
    int recoverReleasing(Instant claimedBefore);

    /**
     * Recovery at startup: every RELEASING mail goes back as in {@link #recoverReleasing}, and its journal entry
     * is cleared, so that a new attempt may pass the gate (a copy that was past it may have been lost with the
     * process; if it was not, the first copy to reach the gate again wins).
     *
     * @return number of recovered mails
     */
    int recoverAfterRestart();

    /**
     * A release that failed after the mail was claimed (RELEASING): the mail goes back to HELD as a mail waiting for
     * approval (also a timed one: sending it again by itself would fail again) with no deadline and without any earlier
     * approval, the reason as its last decision, and waits for a new decision (an admin in WebAdmin, its approvers'
     * unused links, or its sender's cancel link). Never lost, never sent unseen.
     *
     * @return APPLIED, NOT_FOUND, or CONFLICT when the mail is not RELEASING
     */
    TransitionResult releaseFailed(HeldMailId id, String reason);

    /**
     * Sets a mail whose files cannot be read aside, out of the way of the release of the others (logged at ERROR
     * once and told to the {@link #onSetAside} observer).
     */
    default void setAside(HeldMailId id, String reason) {
    }

    /** The mails set aside so far, oldest first. */
    default java.util.List<SetAsideMail> setAside() {
        return java.util.List.of();
    }

    /** Told of each mail set aside (for a counter); must not throw. */
    default void onSetAside(java.util.function.Consumer<SetAsideMail> observer) {
    }
}
