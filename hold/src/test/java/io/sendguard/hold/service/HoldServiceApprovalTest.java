package io.sendguard.hold.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.hold.FileHoldStore;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.MutableClock;
import io.sendguard.hold.token.ActionTokens;
import io.sendguard.hold.token.FileUsedNonceStore;
import io.sendguard.hold.token.TokenAction;

/** Double check, the approval checklist, removing a set of recipients, and reminders before the approval deadline. */
class HoldServiceApprovalTest {
    static final String BOSS = "boss@example.com";
    static final String SECURITY = "security@example.com";
    static final Set<String> ALL_TICKED = Set.of("件名", "本文", "添付ファイル");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final List<String> events = new CopyOnWriteArrayList<>();

    private HoldService service(String... keyValues) {
        Properties p = HoldServiceTest.settings();
        p.setProperty("approval.checklist", "件名, 本文,添付ファイル");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        HoldSettings settings = HoldSettings.from(p, "sendguard.properties");
        HoldService service = new HoldService(FileHoldStore.open(dir.resolve("store"), clock, false),
            new ActionTokens(settings.linkSecret(), clock, FileUsedNonceStore.open(dir.resolve("tokens"), clock)),
            settings, clock);
        service.setListener(new HoldService.Listener() {
            @Override
            public void decided(HeldMail mail, TokenAction action, String actor, String comment) {
                events.add(action + " by " + actor + " -> " + mail.state());
            }

            @Override
            public void approvalRecorded(HeldMail mail, String approver, String comment) {
                events.add("approval " + mail.approvals().size() + "/" + mail.approvalsRequired() + " by " + approver);
            }

            @Override
            public void recipientsRemoved(HeldMail mail, List<String> removed, String actor, String comment) {
                events.add("removed " + removed + " -> " + mail.state());
            }

            @Override
            public void remind(HeldMail mail) {
                events.add("remind " + mail.subject());
            }
        });
        return service;
    }

    private HeldMail hold(HoldService service, int required, Duration deadline, String... recipients) {
        HeldMail.Builder b = HeldMail.builder().sender("alice@example.com")
            .recipients(List.of(recipients.length == 0 ? new String[] {"bob@partner.example"} : recipients))
            .subject("s" + events.size()).createdAt(clock.instant()).mode(HoldMode.APPROVAL)
            .releaseProcessor("sendguard-release").dueAt(clock.instant().plus(deadline))
            .approvers(List.of(BOSS, SECURITY)).attribute(HeldMail.APPROVALS_REQUIRED, Integer.toString(required));
        return service.hold(b.build(), new ByteArrayInputStream("Subject: s\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    private static String token(String link) {
        return link.substring(link.indexOf(HoldService.ACTIONS_PATH) + HoldService.ACTIONS_PATH.length());
    }

    @Test
    void approveShouldKeepTheMailHeldAfterTheFirstOfTwoApprovalsAndApproveItAfterTheSecond() {
        HoldService service = service();
        HeldMail mail = hold(service, 2, Duration.ofDays(3));

        ActionResult first = service.approve(mail.id(), BOSS, "ok", ALL_TICKED);
        assertThat(first.status()).isEqualTo(ActionResult.Status.DONE);
        assertThat(first.mail().orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(first.mail().orElseThrow().approvals()).containsExactly(BOSS);
        ActionResult second = service.approve(mail.id(), SECURITY, "", ALL_TICKED);
        assertThat(second.mail().orElseThrow().state()).isEqualTo(HoldState.APPROVED);
        assertThat(events).containsExactly("approval 1/2 by " + BOSS, "APPROVE by " + SECURITY + " -> APPROVED");
    }

    @Test
    void approveShouldNotCountTheSameApproverTwice() {
        HoldService service = service();
        HeldMail mail = hold(service, 2, Duration.ofDays(3));
        service.approve(mail.id(), BOSS, "", ALL_TICKED);

        ActionResult again = service.approve(mail.id(), "Boss@Example.com", "", ALL_TICKED);

        assertThat(again.status()).isEqualTo(ActionResult.Status.ALREADY_APPROVED);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(events).containsExactly("approval 1/2 by " + BOSS);
    }

    @Test
    void approveShouldRefuseAnIncompleteChecklistNamingTheMissingItemsAndRecordNothing() {
        HoldService service = service();
        HeldMail mail = hold(service, 1, Duration.ofDays(3));

        ActionResult refused = service.approve(mail.id(), BOSS, "", Set.of("本文"));

        assertThat(refused.status()).isEqualTo(ActionResult.Status.CHECKLIST_INCOMPLETE);
        assertThat(refused.detail()).contains("件名, 添付ファイル").doesNotContain("本文");
        assertThat(service.store().get(mail.id()).orElseThrow().approvals()).isEmpty();
        assertThat(service.approve(mail.id(), BOSS, "", Set.of(" 件名 ", "本文", "添付ファイル")).mail().orElseThrow().state())
            .isEqualTo(HoldState.APPROVED);
    }

    @Test
    void approveShouldNeedNoTicksWithoutAChecklist() {
        HoldService service = service("approval.checklist", "");
        HeldMail mail = hold(service, 1, Duration.ofDays(3));
        assertThat(service.approve(mail.id(), BOSS, "", Set.of()).mail().orElseThrow().state()).isEqualTo(HoldState.APPROVED);
    }

    @Test
    void approveAndRejectShouldRefuseSomeoneWhoIsNotAnApproverAndTheSender() {
        HoldService service = service();
        HeldMail mail = hold(service, 1, Duration.ofDays(3));
        assertThat(service.approve(mail.id(), "eve@example.com", "", ALL_TICKED).status())
            .isEqualTo(ActionResult.Status.NOT_AN_APPROVER);
        assertThat(service.reject(mail.id(), "alice@example.com", "").status()).isEqualTo(ActionResult.Status.NOT_AN_APPROVER);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.HELD);
    }

    @Test
    void oneRejectionShouldRejectAMailThatOneApproverApproved() {
        HoldService service = service();
        HeldMail mail = hold(service, 2, Duration.ofDays(3));
        service.approve(mail.id(), BOSS, "", ALL_TICKED);

        assertThat(service.reject(mail.id(), SECURITY, "no").mail().orElseThrow().state()).isEqualTo(HoldState.REJECTED);
        assertThat(service.approve(mail.id(), SECURITY, "", ALL_TICKED).status()).isEqualTo(ActionResult.Status.CONFLICT);
    }

    @Test
    void anApproveLinkShouldGoThroughTheChecklistAndTheDoubleCheckAndStayUnusedWhenRefused() {
        HoldService service = service();
        HeldMail mail = hold(service, 2, Duration.ofDays(3));
        String boss = token(service.link(mail, TokenAction.APPROVE, BOSS));
        String bossAgain = token(service.link(mail, TokenAction.APPROVE, BOSS));
        String security = token(service.link(mail, TokenAction.APPROVE, SECURITY));

        assertThat(service.redeem(boss, "").status()).isEqualTo(ActionResult.Status.CHECKLIST_INCOMPLETE);
        assertThat(service.check(boss).isOk()).isTrue();
        assertThat(service.redeem(boss, "", ALL_TICKED).mail().orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(service.redeem(bossAgain, "", ALL_TICKED).status()).isEqualTo(ActionResult.Status.ALREADY_APPROVED);
        assertThat(service.redeem(security, "", ALL_TICKED).mail().orElseThrow().state()).isEqualTo(HoldState.APPROVED);
    }

    @Test
    void removeRecipientsShouldRemoveTheSetAtOnceAndTellOnce() {
        HoldService service = service();
        HeldMail mail = hold(service, 1, Duration.ofDays(3), "a@x.example", "b@x.example", "c@y.example");

        ActionResult refused = service.removeRecipients(mail.id(), List.of("a@x.example", "zed@x.example"), "alice@example.com");
        assertThat(refused.status()).isEqualTo(ActionResult.Status.NO_SUCH_RECIPIENT);
        assertThat(refused.detail()).endsWith("zed@x.example");
        assertThat(service.store().get(mail.id()).orElseThrow().recipients()).hasSize(3);

        ActionResult done = service.removeRecipients(mail.id(), List.of("A@x.example", "b@x.example"), "alice@example.com");
        assertThat(done.mail().orElseThrow().recipients()).containsExactly("c@y.example");
        ActionResult rest = service.removeRecipients(mail.id(), List.of("c@y.example"), "alice@example.com");
        assertThat(rest.mail().orElseThrow().state()).isEqualTo(HoldState.CANCELLED);
        assertThat(events).containsExactly("removed [a@x.example, b@x.example] -> HELD", "removed [c@y.example] -> CANCELLED");
        assertThat(service.removeRecipients(mail.id(), List.of("c@y.example"), "alice").status())
            .isEqualTo(ActionResult.Status.CONFLICT);
    }

    @Test
    void remindDueShouldRemindOnceWithinTheWindowAlsoAfterARestart() {
        HoldService service = service("approval.remindBefore", "1d");
        HeldMail mail = hold(service, 2, Duration.ofDays(3));
        HeldMail fresh = hold(service, 1, Duration.ofHours(2));

        assertThat(service.remindDue()).isZero();
        clock.advance(Duration.ofDays(2).plusHours(1));
        assertThat(service.remindDue()).isEqualTo(1);
        assertThat(service.remindDue()).isZero();
        assertThat(service(("approval.remindBefore"), "1d").remindDue()).isZero();
        assertThat(events).containsExactly("remind " + mail.subject());
        assertThat(service.store().get(mail.id()).orElseThrow().attributes()).containsKey(HeldMail.REMINDED);
        assertThat(service.store().get(fresh.id()).orElseThrow().attributes()).doesNotContainKey(HeldMail.REMINDED);
    }

    @Test
    void remindDueShouldDoNothingWhenOff() {
        HoldService service = service();
        hold(service, 1, Duration.ofHours(30));
        clock.advance(Duration.ofHours(29));
        assertThat(service.remindDue()).isZero();
    }

    @Test
    void settingsShouldReadTheApprovalKeysAndRefuseBadValuesNamingFileAndKey() {
        HoldSettings defaults = HoldSettings.from(HoldServiceTest.settings(), "sendguard.properties");
        assertThat(defaults.approvalsRequired()).isEqualTo(1);
        assertThat(defaults.approvalChecklist()).isEmpty();
        assertThat(defaults.approvalRemindBefore()).isZero();
        Properties p = HoldServiceTest.settings();
        p.setProperty("approval.required", "2");
        p.setProperty("approval.checklist", "件名,本文,添付ファイル,宛先,配信日時");
        p.setProperty("approval.remindBefore", "1d");
        HoldSettings set = HoldSettings.from(p, "sendguard.properties");
        assertThat(set.approvalsRequired()).isEqualTo(2);
        assertThat(set.approvalChecklist()).containsExactly("件名", "本文", "添付ファイル", "宛先", "配信日時");
        assertThat(set.approvalRemindBefore()).isEqualTo(Duration.ofDays(1));
        for (String bad : List.of("0", "6", "two", "")) {
            p.setProperty("approval.required", bad);
            assertThatThrownBy(() -> HoldSettings.from(p, "sendguard.properties"))
                .hasMessageContaining("sendguard.properties").hasMessageContaining("approval.required");
        }
        p.setProperty("approval.required", "1");
        p.setProperty("approval.remindBefore", "soon");
        assertThatThrownBy(() -> HoldSettings.from(p, "sendguard.properties")).hasMessageContaining("approval.remindBefore");
    }
}
