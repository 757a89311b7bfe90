package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import io.sendguard.audit.AuditEvent;
import io.sendguard.audit.AuditEventType;
import io.sendguard.audit.AuditFinding;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;
import io.sendguard.mailets.audit.AuditEvents;
import io.sendguard.mailets.audit.RecordingAuditLog;
import io.sendguard.mailets.audit.RecordingMetricFactory;
import io.sendguard.mailets.audit.SendguardMetrics;
import io.sendguard.matchers.FindingsAttribute;

class AuditRecordTest {
    final RecordingAuditLog log = new RecordingAuditLog();
    final RecordingMetricFactory metrics = new RecordingMetricFactory();

    AuditRecord mailet(String event) throws MessagingException {
        AuditRecord mailet = new AuditRecord(log, new SendguardMetrics(metrics));
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("AuditRecord");
        if (event != null) {
            config.setProperty(AuditRecord.PARAM_EVENT, event);
        }
        mailet.init(config.build());
        return mailet;
    }

    static Mail mail() throws Exception {
        String raw = "From: alice@example.com\r\nTo: bob@partner.example\r\nSubject: 社外秘\r\nMessage-ID: <42@example.com>\r\n\r\nbody\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("mail-42").sender("alice@example.com").recipients("bob@partner.example", "carol@partner.example")
            .mimeMessage(message).state("sendguard-quarantine").build();
    }

    @Test
    void initShouldFailWhenTheEventIsMissing() {
        assertThatThrownBy(() -> mailet(null)).isInstanceOf(MessagingException.class).hasMessageContaining("event");
    }

    @Test
    void initShouldFailNamingTheValueWhenTheEventIsUnknown() {
        assertThatThrownBy(() -> mailet("inspekted")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("event").hasMessageContaining("inspekted");
    }

    @Test
    void initShouldFailWhenTheEventIsOneTheHoldRecordsItself() {
        assertThatThrownBy(() -> mailet("held")).isInstanceOf(MessagingException.class).hasMessageContaining("held");
    }

    @Test
    void initShouldFailWhenAnUnknownParameterIsGiven() {
        AuditRecord mailet = new AuditRecord(log, new SendguardMetrics(metrics));
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("AuditRecord")
            .setProperty(AuditRecord.PARAM_EVENT, "inspected").setProperty("evnt", "x").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("evnt");
    }

    @Test
    void serviceShouldRecordTheMailAndItsMaskedFindingsWhenInspected() throws Exception {
        Mail mail = mail();
        FindingsAttribute.append(mail, List.of(Finding.of("keyword.confidential", "confidential", Severity.HIGH, "subject", "社外秘")));

        mailet("inspected").service(mail);

        AuditEvent event = log.events.get(0);
        assertThat(event.type()).isEqualTo(AuditEventType.INSPECTED);
        assertThat(event.messageId()).contains("<42@example.com>");
        assertThat(event.mailName()).contains("mail-42");
        assertThat(event.sender()).contains("alice@example.com");
        assertThat(event.recipients()).containsExactly("bob@partner.example", "carol@partner.example");
        assertThat(event.findings()).containsExactly(new AuditFinding("keyword.confidential", "confidential", "HIGH", "subject"));
        assertThat(mail.getState()).isEqualTo("sendguard-quarantine");
    }

    @Test
    void serviceShouldRecordTheProcessorAndCountWhenBlocked() throws Exception {
        mailet("blocked").service(mail());

        assertThat(log.events.get(0).type()).isEqualTo(AuditEventType.BLOCKED);
        assertThat(log.events.get(0).details()).containsEntry("processor", "sendguard-quarantine");
        assertThat(metrics.count(SendguardMetrics.BLOCKED)).isEqualTo(1);
    }

    @Test
    void serviceShouldRecordTheHeldMailIdWhenTheMailWasReleasedFromTheHold() throws Exception {
        Mail mail = mail();
        AuditEvents.setHeldMailId(mail, "0123456789abcdef");

        mailet("handed-to-delivery").service(mail);

        assertThat(log.events.get(0).type()).isEqualTo(AuditEventType.HANDED_TO_DELIVERY);
        assertThat(log.events.get(0).heldMailId()).contains("0123456789abcdef");
        assertThat(log.events.get(0).findings()).isEmpty();
    }

    @Test
    void serviceShouldFailTheMailWhenTheEventCannotBeRecorded() throws Exception {
        AuditRecord mailet = mailet("handed-to-delivery");
        log.failing = true;

        assertThatThrownBy(() -> mailet.service(mail())).isInstanceOf(MessagingException.class)
            .hasMessageContaining("mail-42");
    }

    @Test
    void serviceShouldFailTheMailWithAMessagingExceptionWhenRecordingDiesWithAnError() throws Exception {
        AuditRecord mailet = new AuditRecord(new io.sendguard.audit.AuditLog() {
            @Override
            public io.sendguard.audit.AuditRecord append(AuditEvent event) {
                throw new StackOverflowError();
            }

            @Override
            public java.util.List<io.sendguard.audit.AuditRecord> query(io.sendguard.audit.AuditQuery query) {
                return java.util.List.of();
            }

            @Override
            public long export(java.time.Instant from, java.time.Instant to, java.io.OutputStream out) {
                return 0;
            }

            @Override
            public io.sendguard.audit.Verification verify() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        }, new SendguardMetrics(metrics));
        mailet.init(FakeMailetConfig.builder().mailetName("AuditRecord").setProperty(AuditRecord.PARAM_EVENT, "inspected").build());

        assertThatThrownBy(() -> mailet.service(mail())).isInstanceOf(MessagingException.class)
            .hasMessageContaining("mail-42").hasMessageContaining("nested too deeply");
    }
}
