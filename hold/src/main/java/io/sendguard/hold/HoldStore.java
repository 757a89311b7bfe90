package io.sendguard.hold;

import java.io.IOException;
import java.io.InputStream;
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
 * <h2>Release protocol and the at-least-once window</h2>
 * <ol>
 *   <li>{@link #claimDue} (or {@link #transition} to {@link HoldState#RELEASING} for "send now")
 *       durably moves the mail to RELEASING. Only one caller ever gets a given mail.</li>
 *   <li>The caller re-injects the payload into James (processor {@link HeldMail#releaseProcessor()}),
 *       stamping the held-mail id on it (e.g. header {@code X-Sendguard-Hold-Id}).</li>
 *   <li>Only after James accepted the mail the caller calls {@link #markReleased}.</li>
 * </ol>
 * A crash between 2 and 3 leaves the mail in RELEASING; {@link #recoverReleasing} (run at startup)
 * puts it back to HELD (APPROVED for approval-mode mails) and it is released again: the store alone is
 * <em>at-least-once</em>, never at-most-once (a mail is never lost). {@link HeldMail#releaseAttempts()}
 * tells the caller a previous attempt may have got through. To turn this into exactly-once, the first
 * step of the release processor calls {@link #recordDispatch} with the stamped id: this durable
 * insert-if-absent release journal returns {@code true} only for the first copy, so a duplicate copy
 * from a retried release is dropped. (James's own spool redelivery after a crash in the middle of
 * processing stays at-least-once, as does SMTP.)
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
    void put(HeldMail mail, InputStream payload);

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
     * Marks a RELEASING mail RELEASED; call only after James accepted the re-injected mail.
     *
     * @param id the mail
     * @return APPLIED, CONFLICT (not RELEASING) or NOT_FOUND
     */
    TransitionResult markReleased(HeldMailId id);

    /**
     * Release journal: durable insert-if-absent of "a released copy of this mail was dispatched".
     *
     * @param id the held mail id stamped on the released copy
     * @return true only for the first call ever for this id (until {@link #delete})
     */
    boolean recordDispatch(HeldMailId id);

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
     * Crash recovery: mails still RELEASING that were claimed at or before {@code claimedBefore} go
     * back to HELD (TIMED) or APPROVED (APPROVAL) with a due time no later than now, so the next
     * {@link #claimDue} releases them again. A single node calls it at startup with the current time;
     * several nodes sharing a database pass {@code now - lease} instead.
     *
     * @param claimedBefore only mails claimed at or before this instant are recovered
     * @return number of recovered mails
     */
    int recoverReleasing(Instant claimedBefore);

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
