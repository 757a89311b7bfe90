package io.sendguard.mailets.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;

import org.apache.mailet.MailAddress;
import org.apache.mailet.base.test.FakeMailContext;
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

class HoldNoticesTest {
    @TempDir
    Path dir;

    @Test
    void heldShouldNotNoticeTheNoticeSenderItselfSoThatANoticeAnAliasSendsOnCannotLoop() throws Exception {
        Properties p = new Properties();
        p.setProperty("links.secret", "0123456789abcdef0123456789abcdef-test");
        HoldSettings settings = HoldSettings.from(p, "test");
        Clock clock = Clock.systemUTC();
        HoldService service = new HoldService(FileHoldStore.open(dir.resolve("store"), clock, false),
            new ActionTokens(settings.linkSecret(), clock, FileUsedNonceStore.open(dir.resolve("tokens"), clock)), settings, clock);
        FakeMailContext context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.com")).build();
        service.addListener(new HoldNotices(service, context, ZoneId.of("Asia/Tokyo")));

        service.hold(held("Postmaster@example.com"), body());
        assertThat(context.getSentMails()).as("a notice re-sent by an alias, held: no notice about it").isEmpty();

        service.hold(held("alice@example.com"), body());
        assertThat(context.getSentMails()).as("anybody else's held mail still gets its notice").hasSize(1);
        assertThat(context.getSentMails().get(0).getRecipients()).containsExactly(new MailAddress("alice@example.com"));
    }

    private static HeldMail held(String sender) {
        return HeldMail.builder().sender(sender).recipients(List.of("bob@partner.example")).subject("s")
            .messageId("<1@x>").createdAt(Instant.now()).mode(HoldMode.TIMED).state(HoldState.HELD)
            .releaseProcessor("sendguard-release").dueAt(Instant.now().plusSeconds(120)).build();
    }

    private static ByteArrayInputStream body() {
        return new ByteArrayInputStream("Subject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
