package io.sendguard.mailets.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sendguard.audit.AuditEvent;
import io.sendguard.audit.AuditEventType;
import io.sendguard.audit.AuditFinding;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.FindingCodec;
import io.sendguard.core.finding.Severity;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HeldMailId;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.token.TokenAction;
import io.sendguard.mailets.hold.HoldAttributes;

class HoldAuditListenerTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    final RecordingAuditLog log = new RecordingAuditLog();
    final RecordingMetricFactory metrics = new RecordingMetricFactory();
    final HoldAuditListener listener = new HoldAuditListener(log, new SendguardMetrics(metrics));

    static HeldMail.Builder mail() {
        return HeldMail.builder().id(HeldMailId.random()).sender("alice@example.com")
            .recipients(List.of("bob@partner.example", "carol@partner.example")).messageId("<1@example.com>")
            .subject("見積").createdAt(NOW).dueAt(NOW.plusSeconds(120)).mode(HoldMode.TIMED).state(HoldState.HELD)
            .releaseProcessor("sendguard-release");
    }

    AuditEvent last() {
        return log.events.get(log.events.size() - 1);
    }

    @Test
    void heldShouldRecordTheMailWithMaskedFindingsAndCountItWhenHeld() {
        HeldMail mail = mail().attribute(HoldAttributes.FINDINGS, FindingCodec.encode(List.of(
            Finding.of("pii.phone", "personal-data", Severity.MEDIUM, "body:text/plain", "090-****-****")))).build();

        listener.held(mail);

        AuditEvent event = last();
        assertThat(event.type()).isEqualTo(AuditEventType.HELD);
        assertThat(event.messageId()).contains("<1@example.com>");
        assertThat(event.heldMailId()).contains(mail.id().asString());
        assertThat(event.sender()).contains("alice@example.com");
        assertThat(event.recipients()).containsExactly("bob@partner.example", "carol@partner.example");
        assertThat(event.details()).containsEntry("mode", "timed").containsEntry("due", "2026-11-27T10:02:00Z");
        assertThat(event.findings()).containsExactly(new AuditFinding("pii.phone", "personal-data", "MEDIUM", "body:text/plain"));
        assertThat(metrics.count(SendguardMetrics.HELD)).isEqualTo(1);
    }

    @Test
    void decidedShouldRecordAWholeCancelWithWhoCancelledWhenTheSenderCancels() {
        listener.decided(mail().state(HoldState.CANCELLED).build(), TokenAction.CANCEL, "alice@example.com", "");

        assertThat(last().type()).isEqualTo(AuditEventType.CANCELLED);
        assertThat(last().actor()).contains("alice@example.com");
        assertThat(last().details()).containsEntry("scope", "mail").containsEntry("by", "sender");
        assertThat(metrics.count(SendguardMetrics.CANCELLED)).isEqualTo(1);
    }

    @Test
    void approvalRecordedShouldRecordAnApprovalStepOfADoubleCheck() {
        HeldMail mail = mail().mode(HoldMode.APPROVAL).approvers(List.of("boss@example.com", "sec@example.com"))
            .attribute(HeldMail.APPROVALS_REQUIRED, "2").attribute(HeldMail.APPROVALS, "boss@example.com").build();

        listener.approvalRecorded(mail, "boss@example.com", "ok");

        assertThat(last().type()).isEqualTo(AuditEventType.APPROVED);
        assertThat(last().actor()).contains("boss@example.com");
        assertThat(last().details()).containsEntry("approvals", "1/2").containsEntry("by", "approver");
    }

    @Test
    void recipientsRemovedShouldRecordOneEventNamingEveryRemovedRecipient() {
        HeldMail mail = mail().recipients(List.of("dan@partner.example"))
            .removedRecipients(List.of("bob@partner.example", "carol@partner.example")).build();

        listener.recipientsRemoved(mail, List.of("bob@partner.example", "carol@partner.example"), "alice@example.com", "");

        assertThat(log.events).hasSize(1);
        assertThat(last().type()).isEqualTo(AuditEventType.CANCELLED);
        assertThat(last().recipients()).containsExactly("bob@partner.example", "carol@partner.example");
        assertThat(last().details()).containsEntry("scope", "recipient").containsEntry("by", "sender");
    }

    @Test
    void decidedShouldRecordTheDroppedRecipientWhenOneRecipientIsCancelled() {
        HeldMail mail = mail().recipients(List.of("bob@partner.example")).removedRecipients(List.of("carol@partner.example")).build();

        listener.decided(mail, TokenAction.CANCEL_RECIPIENT, "admin", "wrong address");

        assertThat(last().type()).isEqualTo(AuditEventType.CANCELLED);
        assertThat(last().recipients()).containsExactly("carol@partner.example");
        assertThat(last().details()).containsEntry("scope", "recipient").containsEntry("by", "admin");
        assertThat(last().comment()).contains("wrong address");
    }

    @Test
    void decidedShouldRecordApprovalsAndRejectionsWithTheCommentWhenAnApproverDecides() {
        HeldMail mail = mail().mode(HoldMode.APPROVAL).approvers(List.of("boss@example.com")).build();

        listener.decided(mail, TokenAction.APPROVE, "boss@example.com", "");
        listener.decided(mail, TokenAction.REJECT, "boss@example.com", "価格表を外してください");

        assertThat(log.events).extracting(AuditEvent::type).containsExactly(AuditEventType.APPROVED, AuditEventType.REJECTED);
        assertThat(last().comment()).contains("価格表を外してください");
        assertThat(last().details()).containsEntry("by", "approver");
    }

    @Test
    void decidedShouldRecordNothingWhenTheSenderAsksToSendNow() {
        listener.decided(mail().build(), TokenAction.SEND_NOW, "alice@example.com", "");

        assertThat(log.events).isEmpty();
    }

    @Test
    void releasedShouldSayWhoReleasedWhenReleased() {
        listener.released(mail().state(HoldState.RELEASED).build());
        listener.released(mail().state(HoldState.RELEASED).attribute(HeldMail.APPROVED_BY, "alice@example.com").build());
        listener.released(mail().state(HoldState.RELEASED).attribute(HeldMail.APPROVED_BY, "admin").build());

        assertThat(log.events).extracting(e -> e.details().get("by")).containsExactly("time", "sender", "admin");
        assertThat(log.events.get(0).actor()).contains("sendguard");
        assertThat(metrics.count(SendguardMetrics.RELEASED)).isEqualTo(3);
    }

    @Test
    void expiredShouldRecordTheDeadlineWhenItPasses() {
        listener.expired(mail().mode(HoldMode.APPROVAL).state(HoldState.EXPIRED).build());

        assertThat(last().type()).isEqualTo(AuditEventType.EXPIRED);
    }

    @Test
    void listenerShouldNotThrowWhenTheTrailCannotBeWritten() {
        log.failing = true;

        listener.held(mail().build());

        assertThat(log.events).isEmpty();
    }
}
