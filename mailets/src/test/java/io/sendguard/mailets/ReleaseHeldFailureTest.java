package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.token.TokenAction;
import io.sendguard.mailets.hold.KeepMessageIdMimeMessage;

/** The release gate when the copy is malformed or fails inside: nothing re-parsed, nothing lost. */
class ReleaseHeldFailureTest {
    /** Real-world malformed MIME: no start boundary, an RFC 2047 encoded word as an unquoted parameter value. */
    static final String MALFORMED = "From: manager@example.com\r\n"
        + "To: bob@partner.example\r\n"
        + "Subject: malformed\r\n"
        + "Message-ID: <malformed-1@example.com>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"XYZ\"; name==?UTF-8?B?5pel5pys?=\r\n"
        + "\r\n"
        + "text before any boundary\r\n"
        + "--XYZ--\r\n";

    @TempDir
    Path dir;
    HoldService service;
    ReleaseHeld mailet;

    @BeforeEach
    void setUp() throws MessagingException {
        service = HoldTest.service(dir);
        mailet = new ReleaseHeld(service);
        mailet.init(FakeMailetConfig.builder().mailetName("ReleaseHeld").build());
    }

    /** Holds, approves and claims a mail; returns the copy HoldReleaseStartable would put back into James. */
    private List<Mail> releasedCopies(String raw) {
        HeldMail held = service.hold(HeldMail.builder().sender("manager@example.com").recipients(List.of("bob@partner.example"))
            .subject("s").messageId("<malformed-1@example.com>").createdAt(Instant.now()).mode(HoldMode.APPROVAL)
            .approvers(List.of("postmaster@example.com")).state(HoldState.HELD).releaseProcessor("sendguard-release")
            .dueAt(Instant.now().plusSeconds(3600)).build(), new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        service.perform(held.id(), TokenAction.APPROVE, null, "postmaster@example.com", "");
        List<Mail> copies = new ArrayList<>();
        service.releaseDue((mail, payload) -> {
            MimeMessage message = new KeepMessageIdMimeMessage(MailSessions.plain(), payload);
            message.setHeader(ReleaseHeld.HEADER, mail.id().asString());
            copies.add(FakeMail.builder().name("copy").sender(mail.sender()).recipients(mail.recipients().get(0))
                .mimeMessage(message).build());
        }, 10);
        return copies;
    }

    @Test
    void aMalformedMailShouldPassByteForByteWithoutItsHoldHeader() throws Exception {
        assertThatThrownBy(() -> new KeepMessageIdMimeMessage(MailSessions.plain(),
            new ByteArrayInputStream(MALFORMED.getBytes(StandardCharsets.US_ASCII))).saveChanges())
            .as("re-saving such a mail fails, as it did at release").isInstanceOf(MessagingException.class);
        Mail copy = releasedCopies(MALFORMED).get(0);

        mailet.service(copy);

        assertThat(copy.getState()).isNotEqualTo(Mail.ERROR).isNotEqualTo(Mail.GHOST);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.getMessage().writeTo(out);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(MALFORMED);
        assertThat(service.store().list(io.sendguard.hold.HoldQuery.all()).items().get(0).state())
            .as("admitted; MarkReleased marks it right before the outgoing queue").isEqualTo(HoldState.RELEASING);
    }

    @Test
    void aFailureInsideShouldDropTheCopyAndPutTheMailBackOnHoldForANewDecision() throws Exception {
        Mail copy = releasedCopies(MALFORMED).get(0);
        MimeMessage failing = new MimeMessage(copy.getMessage()) {
            @Override
            public void removeHeader(String name) {
                throw new OutOfMemoryError("test");
            }
        };
        copy.setMessage(failing);

        mailet.service(copy);

        assertThat(copy.getState()).isEqualTo(Mail.GHOST);
        HeldMail back = service.store().list(io.sendguard.hold.HoldQuery.all()).items().get(0);
        assertThat(back.state()).isEqualTo(HoldState.HELD);
        assertThat(back.isApproved()).isFalse();
        assertThat(back.lastDecision().orElseThrow().comment()).startsWith("release failed: ").contains("out of memory");
    }

    @Test
    void aNewReleaseAfterAFailedOneShouldPassTheGate() throws Exception {
        Mail copy = releasedCopies(MALFORMED).get(0);
        MimeMessage failing = new MimeMessage(copy.getMessage()) {
            @Override
            public void removeHeader(String name) {
                throw new OutOfMemoryError("test");
            }
        };
        copy.setMessage(failing);
        mailet.service(copy);
        HeldMail back = service.store().list(io.sendguard.hold.HoldQuery.all()).items().get(0);

        service.perform(back.id(), TokenAction.APPROVE, null, "postmaster@example.com", "");
        List<Mail> next = new ArrayList<>();
        service.releaseDue((mail, payload) -> {
            MimeMessage message = new KeepMessageIdMimeMessage(MailSessions.plain(), payload);
            message.setHeader(ReleaseHeld.HEADER, mail.id().asString());
            message.setHeader(ReleaseHeld.ATTEMPT_HEADER, Integer.toString(mail.releaseAttempts()));
            next.add(FakeMail.builder().name("next").sender(mail.sender()).recipients(mail.recipients().get(0))
                .mimeMessage(message).build());
        }, 10);
        assertThat(next).as("released again after the new approval").hasSize(1);

        mailet.service(next.get(0));

        assertThat(next.get(0).getState()).as("the failed attempt's gate record must not drop the new one")
            .isNotEqualTo(Mail.GHOST).isNotEqualTo(Mail.ERROR);
    }
}
