package io.sendguard.webadmin;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.utils.UserDefinedStartable;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.mailets.MailSessions;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.service.HoldService;
import io.sendguard.mailets.ReleaseHeld;
import io.sendguard.mailets.hold.KeepMessageIdMimeMessage;

/**
 * Releases held mail when it is due: every {@code release.interval} it claims what is due (work in
 * proportion to what is due, not to what is held) and puts each mail back into James, into the
 * processor it was held for, stamped with {@link ReleaseHeld#HEADER} and the release attempt
 * ({@link ReleaseHeld#ATTEMPT_HEADER}) so that {@link ReleaseHeld} lets one attempt through. At start, mails a crash left half-released are given back first.
 * Enable it in {@code extensions.properties}: {@code guice.extension.startable=io.sendguard.webadmin.HoldReleaseStartable}.
 */
public class HoldReleaseStartable implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(HoldReleaseStartable.class);
    private static final int BATCH = 100;
    /** How often the approval reminders are looked for. */
    private static final long REMIND_EVERY_SECONDS = 60;

    private final HoldService service;
    private final MailetContext context;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sendguard-hold-release");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public HoldReleaseStartable(HoldService service, MailetContext context) {
        this.service = service;
        this.context = context;
    }

    @Override
    public void start() {
        int recovered = 0;
        try {
            recovered = service.recoverAfterRestart();
        } catch (RuntimeException e) {
            // the RELEASING mails are given back by the release ticks after the lease
            LOGGER.error("Sendguard could not recover half-released mails at start: {}", e.toString());
        }
        if (recovered > 0) {
            LOGGER.warn("{} held mail(s) were being released when James stopped: they will be released again", recovered);
        }
        long interval = service.settings().releaseInterval().toMillis();
        executor.scheduleWithFixedDelay(this::releaseDue, interval, interval, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::purgeOld, 1, 60, TimeUnit.MINUTES);
        if (!service.settings().approvalRemindBefore().isZero()) {
            executor.scheduleWithFixedDelay(this::remindDue, REMIND_EVERY_SECONDS, REMIND_EVERY_SECONDS, TimeUnit.SECONDS);
        }
        LOGGER.info("Sendguard hold release started: every {} ms", interval);
    }

    /** Whatever a tick throws ({@link Error}s included) is logged and the next tick comes as usual. */
    private void releaseDue() {
        Failsafe.keepAlive("hold release (retried at the next tick)", () -> {
            while (service.releaseDue(this::dispatch, BATCH) == BATCH) {
                // more is due: go on
            }
        });
    }

    /** Reminders before approval deadlines (approval.remindBefore); a failing tick is logged, the next one comes. */
    private void remindDue() {
        Failsafe.keepAlive("approval reminders (retried in a minute)", service::remindDue);
    }

    private void purgeOld() {
        Failsafe.keepAlive("hold retention sweep (retried in an hour)", service::purgeOld);
    }

    private void dispatch(HeldMail mail, InputStream payload) throws Exception {
        MimeMessage message = new KeepMessageIdMimeMessage(MailSessions.plain(), payload);
        message.setHeader(ReleaseHeld.HEADER, mail.id().asString());
        message.setHeader(ReleaseHeld.ATTEMPT_HEADER, Integer.toString(mail.releaseAttempts()));
        List<MailAddress> recipients = mail.recipients().stream().map(HoldReleaseStartable::address).collect(Collectors.toList());
        context.sendMail(new MailAddress(mail.sender()), recipients, message, mail.releaseProcessor());
    }

    private static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (javax.mail.internet.AddressException e) {
            throw new IllegalArgumentException("held recipient is not an address: " + e.getMessage());
        }
    }
}
