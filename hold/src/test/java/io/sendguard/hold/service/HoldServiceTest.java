package io.sendguard.hold.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
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
import io.sendguard.hold.token.TokenVerification;

class HoldServiceTest {
    @TempDir
    Path dir;
    MutableClock clock;
    HoldService service;
    final List<String> dispatched = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();

    static Properties settings() {
        Properties p = new Properties();
        p.setProperty("links.secret", "0123456789abcdef0123456789abcdef-test");
        p.setProperty("links.baseUrl", "http://127.0.0.1:9999/");
        return p;
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
        HoldSettings settings = HoldSettings.from(settings(), "test");
        service = new HoldService(FileHoldStore.open(dir.resolve("store"), clock, false),
            new ActionTokens(settings.linkSecret(), clock, FileUsedNonceStore.open(dir.resolve("tokens"), clock)),
            settings, clock);
        service.setListener(new HoldService.Listener() {
            @Override
            public void held(HeldMail mail) {
                events.add("held");
            }

            @Override
            public void decided(HeldMail mail, TokenAction action, String actor, String comment) {
                events.add(action + " by " + actor + (comment.isEmpty() ? "" : ": " + comment));
            }

            @Override
            public void expired(HeldMail mail) {
                events.add("expired");
            }
        });
    }

    private HeldMail hold(HoldMode mode, Duration dueIn, String onTimeout, String... recipients) {
        HeldMail.Builder b = HeldMail.builder().sender("alice@example.com").recipients(List.of(recipients))
            .subject("s").messageId("<1@x>").createdAt(clock.instant()).mode(mode).state(HoldState.HELD)
            .releaseProcessor("sendguard-release").dueAt(clock.instant().plus(dueIn))
            .attribute(HoldService.ON_TIMEOUT, onTimeout);
        if (mode == HoldMode.APPROVAL) {
            b.approvers(List.of("boss@example.com"));
        }
        return service.hold(b.build(), new ByteArrayInputStream("Subject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    private int release() {
        // the dispatcher stands for James: the copy reaches the release processor, whose first mailet confirms
        return service.releaseDue((mail, payload) -> {
            try (InputStream in = payload) {
                dispatched.add(mail.id().asString() + " " + mail.recipients());
            }
            if (service.admitRelease(mail.id(), mail.releaseAttempts())) {
                service.confirmReleased(mail.id());
            }
        }, 100);
    }

    private static String token(String link) {
        return link.substring(link.indexOf(HoldService.ACTIONS_PATH) + HoldService.ACTIONS_PATH.length());
    }

    @Test
    void addListenerShouldTellEveryListenerInOrderEvenWhenOneFails() {
        List<String> second = new java.util.ArrayList<>();
        service.addListener(new HoldService.Listener() {
            @Override
            public void held(HeldMail mail) {
                throw new IllegalStateException("broken listener");
            }
        });
        service.addListener(new HoldService.Listener() {
            @Override
            public void held(HeldMail mail) {
                second.add("held after " + events);
            }
        });

        hold(HoldMode.TIMED, Duration.ofMinutes(5), "reject", "bob@partner.example");

        assertThat(events).containsExactly("held");
        assertThat(second).containsExactly("held after [held]");
    }

    @Test
    void releaseDueShouldDispatchOnlyAfterTheDelayAndOnlyOnce() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ofMinutes(5), "reject", "bob@partner.example");

        assertThat(release()).isZero();
        clock.advance(Duration.ofMinutes(5));
        assertThat(release()).isEqualTo(1);
        assertThat(release()).isZero();

        assertThat(dispatched).hasSize(1);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
    }

    @Test
    void linkShouldPointAtTheActionPagesOfTheBaseUrl() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ofMinutes(5), "reject", "bob@partner.example");

        assertThat(service.link(mail, TokenAction.CANCEL, null)).startsWith("http://127.0.0.1:9999/actions/");
    }

    @Test
    void checkShouldNotUseTheLinkButRedeemShould() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ofMinutes(5), "reject", "bob@partner.example");
        String token = token(service.link(mail, TokenAction.CANCEL, null));

        assertThat(service.check(token).isOk()).isTrue();
        assertThat(service.check(token).isOk()).isTrue();
        assertThat(service.redeem(token, "").status()).isEqualTo(ActionResult.Status.DONE);
        assertThat(service.redeem(token, "").status()).isEqualTo(ActionResult.Status.TOKEN_USED);
        assertThat(events).containsExactly("held", "CANCEL by alice@example.com");
    }

    @Test
    void aLinkWhoseActionTheMailNoLongerAllowsShouldNotBeUsedUpByTryingIt() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ofMinutes(5), "reject", "bob@partner.example", "carol@partner.example");
        String cancel = token(service.link(mail, TokenAction.CANCEL, null));
        String sendNow = token(service.link(mail, TokenAction.SEND_NOW, null));
        String dropCarol = token(service.link(mail, TokenAction.CANCEL_RECIPIENT, "carol@partner.example"));

        assertThat(service.redeem(cancel, "").status()).isEqualTo(ActionResult.Status.DONE);
        ActionResult first = service.redeem(sendNow, "");
        ActionResult again = service.redeem(sendNow, "");
        ActionResult drop = service.redeem(dropCarol, "");

        assertThat(first.status()).isEqualTo(ActionResult.Status.CONFLICT);
        assertThat(first.detail()).isEqualTo("already cancelled");
        assertThat(again.status()).isEqualTo(ActionResult.Status.CONFLICT);
        assertThat(drop.status()).isEqualTo(ActionResult.Status.CONFLICT);
        assertThat(service.check(sendNow).isOk()).isTrue();
        assertThat(service.check(cancel).status()).isEqualTo(TokenVerification.Status.ALREADY_USED);
        assertThat(events).containsExactly("held", "CANCEL by alice@example.com");
    }

    @Test
    void sendNowShouldReleaseAtTheNextTickAndCancelAfterwardsShouldConflict() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ofHours(1), "reject", "bob@partner.example");

        assertThat(service.perform(mail.id(), TokenAction.SEND_NOW, null, "alice@example.com", "").isDone()).isTrue();
        assertThat(release()).isEqualTo(1);

        ActionResult late = service.perform(mail.id(), TokenAction.CANCEL, null, "alice@example.com", "");
        assertThat(late.status()).isEqualTo(ActionResult.Status.CONFLICT);
        assertThat(late.detail()).isEqualTo("already released");
    }

    @Test
    void cancelOneRecipientShouldReleaseToTheOthers() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ofMinutes(1), "reject", "bob@partner.example", "carol@other.example");

        assertThat(service.perform(mail.id(), TokenAction.CANCEL_RECIPIENT, "carol@other.example", "alice@example.com", "").isDone()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        release();

        assertThat(dispatched).containsExactly(mail.id().asString() + " [bob@partner.example]");
    }

    @Test
    void approvalShouldWaitForTheApproverAndRecordWhoApproved() {
        HeldMail mail = hold(HoldMode.APPROVAL, Duration.ofDays(3), "reject", "bob@partner.example");
        String approve = token(service.link(mail, TokenAction.APPROVE, "boss@example.com"));

        assertThat(release()).isZero();
        assertThat(service.perform(mail.id(), TokenAction.SEND_NOW, null, "alice@example.com", "").status())
            .isEqualTo(ActionResult.Status.NOT_ALLOWED);
        assertThat(service.redeem(approve, "ok").isDone()).isTrue();
        assertThat(release()).isEqualTo(1);
        assertThat(events).contains("APPROVE by boss@example.com: ok");
    }

    @Test
    void redeemShouldRefuseAnApproveOrRejectLinkNamingSomeoneWhoDoesNotApproveTheMailAndLeaveItHeld() {
        HeldMail mail = hold(HoldMode.APPROVAL, Duration.ofDays(3), "reject", "bob@partner.example");
        String byOutsider = token(service.link(mail, TokenAction.APPROVE, "mallory@example.com"));
        String bySender = token(service.link(mail, TokenAction.APPROVE, "alice@example.com"));
        String rejectByOutsider = token(service.link(mail, TokenAction.REJECT, "mallory@example.com"));
        String withoutApprover = token(service.link(mail, TokenAction.APPROVE, null));

        for (String token : List.of(byOutsider, bySender, rejectByOutsider, withoutApprover)) {
            assertThat(service.redeem(token, "").status()).isEqualTo(ActionResult.Status.NOT_AN_APPROVER);
            assertThat(service.check(token).isOk()).as("not used up").isTrue();
        }

        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(events).containsExactly("held");
        assertThat(service.redeem(token(service.link(mail, TokenAction.APPROVE, "BOSS@example.com")), "").isDone()).isTrue();
    }

    @Test
    void releaseFailedShouldPutTheMailBackOnHoldUnapprovedWithTheReasonAndNoDueTime() {
        HeldMail mail = hold(HoldMode.APPROVAL, Duration.ofDays(3), "reject", "bob@partner.example");
        service.redeem(token(service.link(mail, TokenAction.APPROVE, "boss@example.com")), "");
        service.releaseDue((m, p) -> { }, 10);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASING);

        service.releaseFailed(mail.id(), "the message could not be read");

        HeldMail back = service.store().get(mail.id()).orElseThrow();
        assertThat(back.state()).isEqualTo(HoldState.HELD);
        assertThat(back.isApproved()).isFalse();
        assertThat(back.dueAt()).isEmpty();
        assertThat(back.lastDecision().orElseThrow().comment()).isEqualTo("release failed: the message could not be read");
        clock.advance(Duration.ofDays(10));
        assertThat(release()).as("waits for a new decision").isZero();
        assertThat(service.perform(mail.id(), TokenAction.APPROVE, null, "admin", "").isDone()).isTrue();
        assertThat(release()).isEqualTo(1);
    }

    @Test
    void releaseDueShouldSetAMailWhoseMessageFileIsMissingAsideAndReleaseTheOthers() throws Exception {
        HeldMail broken = hold(HoldMode.TIMED, Duration.ZERO, "reject", "bob@partner.example");
        HeldMail fine = hold(HoldMode.TIMED, Duration.ZERO, "reject", "carol@partner.example");
        List<String> setAside = new ArrayList<>();
        service.addListener(new HoldService.Listener() {
            @Override
            public void setAside(io.sendguard.hold.SetAsideMail mail) {
                setAside.add(mail.id());
            }
        });
        try (var files = java.nio.file.Files.walk(dir.resolve("store/mails"))) {
            for (Path p : (Iterable<Path>) files.filter(p -> p.endsWith("payload.eml")
                && p.getParent().getFileName().toString().equals(broken.id().asString()))::iterator) {
                java.nio.file.Files.delete(p);
            }
        }

        assertThat(release()).isEqualTo(1);

        assertThat(dispatched).containsExactly(fine.id().asString() + " [carol@partner.example]");
        assertThat(setAside).containsExactly(broken.id().asString());
        assertThat(service.store().setAside()).extracting(io.sendguard.hold.SetAsideMail::id)
            .containsExactly(broken.id().asString());
        clock.advance(HoldService.RELEASE_LEASE.plusSeconds(1));
        assertThat(release()).as("not tried again and again").isZero();
    }

    @Test
    void approvalDeadlineShouldExpireTheMailWhenPolicyIsReject() {
        HeldMail mail = hold(HoldMode.APPROVAL, Duration.ofDays(3), "reject", "bob@partner.example");

        clock.advance(Duration.ofDays(3));
        release();

        assertThat(dispatched).isEmpty();
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.EXPIRED);
        assertThat(events).contains("expired");
    }

    @Test
    void approvalDeadlineShouldReleaseTheMailWhenPolicyIsRelease() {
        hold(HoldMode.APPROVAL, Duration.ofDays(3), "release", "bob@partner.example");

        clock.advance(Duration.ofDays(3));

        assertThat(release()).isEqualTo(1);
    }

    @Test
    void rejectShouldNotSendAndShouldPassTheComment() {
        HeldMail mail = hold(HoldMode.APPROVAL, Duration.ofDays(3), "reject", "bob@partner.example");

        ActionResult result = service.redeem(token(service.link(mail, TokenAction.REJECT, "boss@example.com")), "宛先を確認");

        assertThat(result.isDone()).isTrue();
        assertThat(events).contains("REJECT by boss@example.com: 宛先を確認");
        clock.advance(Duration.ofDays(4));
        assertThat(release()).isZero();
    }

    @Test
    void failedDispatchShouldBeRetriedAfterTheLease() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ZERO, "reject", "bob@partner.example");
        List<String> attempts = new ArrayList<>();

        service.releaseDue((m, p) -> {
            attempts.add("fail");
            throw new IllegalStateException("spool full");
        }, 10);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASING);
        clock.advance(HoldService.RELEASE_LEASE.plusSeconds(1));
        assertThat(release()).isEqualTo(1);

        assertThat(attempts).hasSize(1);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
        assertThat(service.admitRelease(mail.id(), 1)).as("the failed attempt's copy turning up is a duplicate").isFalse();
        assertThat(service.admitRelease(mail.id(), 2)).as("the copy that went on, processed again").isTrue();
    }

    @Test
    void aCopyProcessedAgainAfterACrashShouldPassTheGateAgainAndTheMailBeReleasedOnce() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ZERO, "reject", "bob@partner.example");
        List<Integer> attempts = new ArrayList<>();
        service.releaseDue((m, p) -> attempts.add(m.releaseAttempts()), 10);
        int attempt = attempts.get(0);

        assertThat(service.admitRelease(mail.id(), attempt)).isTrue();
        // James dies before the copy reaches its outgoing queue: its spool gives the same copy again
        assertThat(service.admitRelease(mail.id(), attempt)).as("same copy, processed again").isTrue();
        assertThat(service.store().get(mail.id()).orElseThrow().state()).as("not out yet").isEqualTo(HoldState.RELEASING);
        clock.advance(HoldService.RELEASE_LEASE.plusSeconds(1));
        assertThat(service.releaseDue((m, p) -> attempts.add(m.releaseAttempts()), 10))
            .as("a copy past the gate is in James's pipeline: not dispatched again").isZero();

        service.confirmReleased(mail.id());
        service.confirmReleased(mail.id());
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
        assertThat(service.admitRelease(mail.id(), attempt)).as("processed again after it was marked").isTrue();
        assertThat(service.admitRelease(mail.id(), attempt + 1)).as("another attempt").isFalse();
    }

    @Test
    void afterARestartTheMailShouldBeReleasedAgainAndTheOldCopyDroppedWhileItIsHeld() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ZERO, "reject", "bob@partner.example");
        service.releaseDue((m, p) -> { }, 10);
        assertThat(service.admitRelease(mail.id(), 1)).isTrue();

        assertThat(service.recoverAfterRestart()).isEqualTo(1);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(service.admitRelease(mail.id(), 1)).as("held again: the old copy waits for the new attempt").isFalse();
        assertThat(release()).isEqualTo(1);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
        assertThat(service.admitRelease(mail.id(), 1)).as("the old copy after the new one went").isFalse();
    }

    @Test
    void aCopyOfACancelledMailShouldBeDropped() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ZERO, "reject", "bob@partner.example");
        service.releaseDue((m, p) -> { }, 10);
        service.recoverAfterRestart();
        service.perform(mail.id(), TokenAction.CANCEL, null, "alice@example.com", "");

        assertThat(service.admitRelease(mail.id(), 1)).isFalse();
    }

    @Test
    void aCopyLostBeforeTheReleaseProcessorShouldBeDispatchedAgainAndTheLateOneDropped() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ZERO, "reject", "bob@partner.example");
        List<String> lost = new ArrayList<>();

        service.releaseDue((m, p) -> lost.add(m.id().asString()), 10);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASING);
        clock.advance(HoldService.RELEASE_LEASE.plusSeconds(1));
        assertThat(release()).as("dispatched again after the lease").isEqualTo(1);

        assertThat(lost).hasSize(1);
        assertThat(dispatched).hasSize(1);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
        assertThat(service.admitRelease(mail.id(), 1)).as("the first copy turning up late is dropped").isFalse();
    }

    @Test
    void purgeOldShouldDeleteFinishedMailsAfterTheRetentionAndKeepTheOthers() {
        HeldMail cancelled = hold(HoldMode.TIMED, Duration.ofDays(60), "reject", "bob@partner.example");
        HeldMail waiting = hold(HoldMode.TIMED, Duration.ofDays(60), "reject", "bob@partner.example");
        service.perform(cancelled.id(), TokenAction.CANCEL, null, "alice@example.com", "");

        clock.advance(Duration.ofDays(29));
        assertThat(service.purgeOld()).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(service.purgeOld()).isEqualTo(1);

        assertThat(service.store().get(cancelled.id())).isEmpty();
        assertThat(service.store().get(waiting.id())).isPresent();
    }

    @Test
    void tamperedTokenShouldChangeNothing() {
        HeldMail mail = hold(HoldMode.TIMED, Duration.ofMinutes(5), "reject", "bob@partner.example");
        String token = token(service.link(mail, TokenAction.CANCEL, null));
        String tampered = token.substring(0, 5) + (token.charAt(5) == 'x' ? 'y' : 'x') + token.substring(6);

        assertThat(service.redeem(tampered, "").status()).isEqualTo(ActionResult.Status.TOKEN_TAMPERED);
        assertThat(service.store().get(mail.id()).orElseThrow().state()).isEqualTo(HoldState.HELD);
    }

    @Test
    void settingsShouldNameTheKeyWhenTheSecretIsTooShortOrAKeyIsUnknown() {
        Properties shortSecret = settings();
        shortSecret.setProperty("links.secret", "short");
        Properties unknown = settings();
        unknown.setProperty("links.ttlz", "1d");

        assertThatThrownBy(() -> HoldSettings.from(shortSecret, "sendguard.properties")).hasMessageContaining("links.secret");
        Properties published = settings();
        published.setProperty("links.secret", "base64:c2VuZGd1YXJkLWRlbW8tc2VjcmV0LWNoYW5nZS1tZS1iZWZvcmUtcHJvZHVjdGlvbg==");
        assertThatThrownBy(() -> HoldSettings.from(published, "sendguard.properties"))
            .hasMessageContaining("sendguard.properties").hasMessageContaining("links.secret").hasMessageContaining("published");
        assertThatThrownBy(() -> HoldSettings.from(unknown, "sendguard.properties")).hasMessageContaining("links.ttlz");
    }

    @Test
    void settingsShouldKeepTheNoticeTextsTheAdminReplacedAndNameAnUnknownOne() {
        Properties texts = settings();
        texts.setProperty("notice.text.footer", "-- \n情報システム部");
        texts.setProperty("notice.text.heldSubject", "");
        Properties typo = settings();
        typo.setProperty("notice.text.footr", "x");

        assertThat(HoldSettings.from(texts, "test").noticeTexts())
            .containsOnly(Map.entry("footer", "-- \n情報システム部"), Map.entry("heldSubject", ""));
        assertThat(HoldSettings.from(settings(), "test").noticeTexts()).isEmpty();
        assertThatThrownBy(() -> HoldSettings.from(typo, "sendguard.properties"))
            .hasMessageContaining("notice.text.footr").hasMessageContaining("footer");
    }

    @Test
    void settingsShouldTakeTheNoticeTimeZoneAndBothLanguagesAndNameABadValue() {
        Properties tokyo = settings();
        tokyo.setProperty("notice.timeZone", "Asia/Tokyo");
        tokyo.setProperty("notice.language", "both");
        Properties typo = settings();
        typo.setProperty("notice.timeZone", "Asia/Tokio");
        Properties language = settings();
        language.setProperty("notice.language", "jp");

        assertThat(HoldSettings.from(tokyo, "test").timeZone()).isEqualTo(java.time.ZoneId.of("Asia/Tokyo"));
        assertThat(HoldSettings.from(tokyo, "test").language()).isEqualTo("both");
        assertThat(HoldSettings.from(settings(), "test").timeZone()).isEqualTo(java.time.ZoneId.systemDefault());
        assertThat(HoldSettings.from(settings(), "test").language()).isEqualTo("ja");
        assertThatThrownBy(() -> HoldSettings.from(typo, "sendguard.properties"))
            .hasMessageContaining("sendguard.properties").hasMessageContaining("notice.timeZone").hasMessageContaining("Asia/Tokio");
        assertThatThrownBy(() -> HoldSettings.from(language, "sendguard.properties"))
            .hasMessageContaining("sendguard.properties").hasMessageContaining("notice.language").hasMessageContaining("ja, en or both");
    }

    @Test
    void settingsShouldKeepThePageTextsTheAdminReplacedAndNameAnUnknownOne() {
        Properties texts = settings();
        texts.setProperty("page.text.footer", "問い合わせ: 情報システム部\n内線 1234");
        texts.setProperty("page.text.buttonCancel", "送信をやめる");
        Properties typo = settings();
        typo.setProperty("page.text.fotter", "x");

        HoldSettings settings = HoldSettings.from(texts, "test");
        assertThat(settings.pageTexts()).containsOnly(Map.entry("footer", "問い合わせ: 情報システム部\n内線 1234"),
            Map.entry("buttonCancel", "送信をやめる"));
        assertThat(settings.noticeTexts()).isEmpty();
        assertThat(HoldSettings.from(settings(), "test").pageTexts()).isEmpty();
        assertThatThrownBy(() -> HoldSettings.from(typo, "sendguard.properties"))
            .hasMessageContaining("sendguard.properties").hasMessageContaining("page.text.fotter")
            .hasMessageContaining("footer");
    }

    @Test
    void durationsShouldParseAdminUnitsAndNameBadValues() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("0")).isZero();
        assertThatThrownBy(() -> Durations.parse("5 minutes")).hasMessageContaining("'5 minutes'");
    }
}
