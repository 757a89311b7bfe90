package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

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
import io.sendguard.mailets.audit.AuditEvents;

class ReturnToHoldTest {
    @TempDir
    Path dir;
    HoldService service;
    ReturnToHold mailet;

    @BeforeEach
    void setUp() throws Exception {
        service = HoldTest.service(dir);
        mailet = new ReturnToHold(service);
        mailet.init(FakeMailetConfig.builder().mailetName("ReturnToHold").build());
    }

    private HeldMail claimed() {
        service.hold(HeldMail.builder().sender("alice@example.com").recipients(List.of("bob@partner.example"))
            .subject("s").messageId("<1@x>").createdAt(Instant.now()).mode(HoldMode.TIMED).state(HoldState.HELD)
            .releaseProcessor("sendguard-release").dueAt(Instant.now()).build(),
            new ByteArrayInputStream("Subject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
        service.releaseDue((m, p) -> p.close(), 10);
        return service.store().list(io.sendguard.hold.HoldQuery.all()).items().get(0);
    }

    private static Mail copyOf(HeldMail held) throws Exception {
        Mail mail = FakeMail.builder().name("copy").sender("alice@example.com").recipients("bob@partner.example")
            .state(Mail.ERROR).errorMessage("signing failed").build();
        AuditEvents.setHeldMailId(mail, held.id().asString());
        return mail;
    }

    @Test
    void aCopyThatFailedWhileItsMailIsReleasingShouldPutTheMailBackOnHoldAndBeDropped() throws Exception {
        HeldMail held = claimed();
        assertThat(held.state()).isEqualTo(HoldState.RELEASING);
        Mail copy = copyOf(held);
        assertThat(AuditEvents.heldMailId(copy)).hasValue(held.id().asString());

        mailet.service(copy);

        assertThat(copy.getState()).isEqualTo(Mail.GHOST);
        HeldMail back = service.store().get(held.id()).orElseThrow();
        assertThat(back.state()).isEqualTo(HoldState.HELD);
        assertThat(back.mode()).isEqualTo(HoldMode.APPROVAL);
        assertThat(back.lastDecision().orElseThrow().comment()).isEqualTo("release failed: signing failed");
    }

    @Test
    void aCopyWhoseMailIsAlreadyReleasedAndAnyOtherMailShouldGoOnUnchanged() throws Exception {
        HeldMail held = claimed();
        service.confirmReleased(held.id());
        Mail copy = copyOf(held);
        Mail other = FakeMail.builder().name("other").sender("alice@example.com").recipients("bob@partner.example")
            .state(Mail.ERROR).build();

        mailet.service(copy);
        mailet.service(other);

        assertThat(copy.getState()).isEqualTo(Mail.ERROR);
        assertThat(other.getState()).isEqualTo(Mail.ERROR);
        assertThat(service.store().get(held.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
    }
}
