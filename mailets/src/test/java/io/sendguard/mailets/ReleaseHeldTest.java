package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.hold.FileHoldStore;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.service.HoldSettings;
import io.sendguard.hold.token.ActionTokens;
import io.sendguard.hold.token.FileUsedNonceStore;
import io.sendguard.mailets.hold.ReleasedCopy;

/** The release gate ({@link ReleaseHeld}) and the release mark ({@link MarkReleased}) over a real hold store. */
class ReleaseHeldTest {
    @TempDir
    Path dir;
    HoldService service;
    ReleaseHeld gate;
    MarkReleased mark;

    @BeforeEach
    void setUp() throws Exception {
        Properties p = new Properties();
        p.setProperty("links.secret", "0123456789abcdef0123456789abcdef-test");
        HoldSettings settings = HoldSettings.from(p, "test");
        Clock clock = Clock.systemUTC();
        service = new HoldService(FileHoldStore.open(dir.resolve("store"), clock, false),
            new ActionTokens(settings.linkSecret(), clock, FileUsedNonceStore.open(dir.resolve("tokens"), clock)), settings, clock);
        gate = new ReleaseHeld(service);
        gate.init(FakeMailetConfig.builder().mailetName("ReleaseHeld").build());
        mark = new MarkReleased(service);
        mark.init(FakeMailetConfig.builder().mailetName("MarkReleased").build());
    }

    private HeldMail heldAndClaimed() {
        HeldMail mail = service.hold(HeldMail.builder().sender("alice@example.com").recipients(List.of("bob@partner.example"))
            .subject("s").messageId("<1@x>").createdAt(Instant.now()).mode(HoldMode.TIMED).state(HoldState.HELD)
            .releaseProcessor("sendguard-release").dueAt(Instant.now().minusSeconds(1)).build(),
            new ByteArrayInputStream("Subject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
        service.releaseDue((m, payload) -> { }, 10);
        return service.store().get(mail.id()).orElseThrow();
    }

    private static Mail copy(HeldMail held, int attempt) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject("s");
        message.setText("body");
        message.setHeader(ReleaseHeld.HEADER, held.id().asString());
        message.setHeader(ReleaseHeld.ATTEMPT_HEADER, Integer.toString(attempt));
        message.saveChanges();
        return FakeMail.builder().name("copy-" + attempt).sender("alice@example.com").recipient("bob@partner.example")
            .mimeMessage(message).state("sendguard-release").build();
    }

    private HoldState state(HeldMail held) {
        return service.store().get(held.id()).orElseThrow().state();
    }

    @Test
    void serviceShouldPassTheCopyWithoutItsHeadersAndLeaveTheMailReleasingUntilMarked() throws Exception {
        HeldMail held = heldAndClaimed();
        Mail copy = copy(held, held.releaseAttempts());

        gate.service(copy);

        assertThat(copy.getState()).isEqualTo("sendguard-release");
        assertThat(copy.getMessage().getHeader(ReleaseHeld.HEADER)).isNull();
        assertThat(copy.getMessage().getHeader(ReleaseHeld.ATTEMPT_HEADER)).isNull();
        assertThat(ReleasedCopy.heldMailId(copy)).contains(held.id());
        assertThat(state(held)).as("not yet past the last step").isEqualTo(HoldState.RELEASING);

        mark.service(copy);
        assertThat(state(held)).isEqualTo(HoldState.RELEASED);
    }

    @Test
    void serviceShouldPassTheSameCopyProcessedAgainAfterACrash() throws Exception {
        HeldMail held = heldAndClaimed();
        gate.service(copy(held, held.releaseAttempts()));
        // James killed before RemoteDelivery queued it: the durable spool gives the same copy again

        Mail again = copy(held, held.releaseAttempts());
        gate.service(again);
        assertThat(again.getState()).as("redelivered copy must not be dropped").isEqualTo("sendguard-release");

        mark.service(again);
        Mail afterMark = copy(held, held.releaseAttempts());
        gate.service(afterMark);
        assertThat(afterMark.getState()).as("killed after the mark, before the outgoing queue").isEqualTo("sendguard-release");
    }

    @Test
    void serviceShouldDropACopyOfAnotherAttempt() throws Exception {
        HeldMail held = heldAndClaimed();
        gate.service(copy(held, held.releaseAttempts()));

        Mail second = copy(held, held.releaseAttempts() + 1);
        gate.service(second);

        assertThat(second.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void markShouldIgnoreMailThatIsNoReleasedCopy() throws Exception {
        HeldMail held = heldAndClaimed();
        Mail other = FakeMail.builder().name("other").sender("alice@example.com").recipient("bob@partner.example")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()))).build();

        mark.service(other);

        assertThat(other.getState()).isNotEqualTo(Mail.GHOST);
        assertThat(state(held)).isEqualTo(HoldState.RELEASING);
    }
}
