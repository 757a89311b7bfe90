package io.sendguard.web;

import static io.sendguard.web.WebFixture.encode;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HeldMailId;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.token.TokenAction;

class ActionLinkPagesTest {
    @TempDir
    Path dir;

    private WebFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private WebFixture english() {
        fixture = WebFixture.of(dir, "en");
        return fixture;
    }

    private WebFixture japanese() {
        fixture = WebFixture.of(dir, "ja");
        return fixture;
    }

    private static String path(String token) {
        return "/actions/" + token;
    }

    private static void assertHtmlPage(HttpResponse<String> response, String lang) {
        assertThat(response.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase(java.util.Locale.ROOT))
            .isEqualTo("text/html;charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
            .hasValue("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        String body = response.body();
        assertThat(body).startsWith("<!DOCTYPE html>")
            .contains("<html lang=\"" + lang + "\">")
            .contains("<meta charset=\"utf-8\">")
            .contains("<meta name=\"viewport\"")
            .contains("<main>")
            .doesNotContain("<script");
        assertThat(body.split("<h1>", -1)).hasSize(2);
    }

    @Test
    void getShouldNotChangeTheMailWhenTheLinkIsOpened() {
        WebFixture f = english();
        HeldMail mail = f.reload(f.hold(f.timed("alice@example.com", "bob@partner.example")));
        String token = f.token(mail, TokenAction.CANCEL, null);

        HttpResponse<String> first = f.get(path(token));
        HttpResponse<String> second = f.get(path(token));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(f.reload(mail)).isEqualTo(mail);
        assertThat(f.service.check(token).isOk()).isTrue();
        assertThat(f.postLink(path(token), "").statusCode()).isEqualTo(200);
        assertThat(f.reload(mail).state()).isEqualTo(HoldState.CANCELLED);
    }

    @Test
    void getShouldShowWhatTheLinkDoesAndTheMail() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example", "carol@example.com",
            "dave@partner.example"));
        String token = f.token(mail, TokenAction.CANCEL, null);

        HttpResponse<String> response = f.get(path(token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertHtmlPage(response, "en");
        assertThat(response.body())
            .contains("<h1>Cancel this mail?</h1>")
            .contains("Quarterly report")
            .contains("alice@example.com")
            .contains("<strong>example.com</strong> (1 recipient)")
            .contains("<strong>partner.example</strong> (2 recipients)")
            // 05:05Z is 14:05 in Tokyo
            .contains("Thu 1 May 2025, 14:05")
            .contains("in 5 minutes")
            .contains("on hold")
            .contains("<form method=\"post\">")
            .contains("<button type=\"submit\" class=\"danger\">Cancel this mail</button>")
            .doesNotContain("<textarea");
        assertThat(response.body().indexOf("partner.example</strong>"))
            .isGreaterThan(response.body().indexOf("example.com</strong>"));
    }

    @Test
    void postShouldCancelTheMail() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example"));
        String token = f.token(mail, TokenAction.CANCEL, null);

        HttpResponse<String> response = f.postLink(path(token), "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertHtmlPage(response, "en");
        assertThat(response.body()).contains("<h1>The mail was cancelled</h1>").doesNotContain("<form");
        HeldMail cancelled = f.reload(mail);
        assertThat(cancelled.state()).isEqualTo(HoldState.CANCELLED);
        assertThat(cancelled.lastDecision().orElseThrow().actor()).isEqualTo("alice@example.com");
    }

    @Test
    void aSecondPostWithTheSameLinkShouldSayItWasAlreadyUsed() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example"));
        String token = f.token(mail, TokenAction.CANCEL, null);
        f.postLink(path(token), "");

        HttpResponse<String> post = f.postLink(path(token), "");
        HttpResponse<String> get = f.get(path(token));

        assertThat(post.statusCode()).isEqualTo(409);
        assertHtmlPage(post, "en");
        assertThat(post.body()).contains("<h1>This link was already used</h1>").contains("cancelled");
        assertThat(get.statusCode()).isEqualTo(409);
        assertThat(get.body()).contains("already used").doesNotContain("<form");
    }

    @Test
    void aTamperedLinkShouldBeRefusedAndChangeNothing() {
        WebFixture f = english();
        HeldMail mail = f.reload(f.hold(f.timed("alice@example.com", "bob@partner.example")));
        String token = f.token(mail, TokenAction.CANCEL, null);
        int i = token.length() / 2;
        String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);

        HttpResponse<String> get = f.get(path(tampered));
        HttpResponse<String> post = f.postLink(path(tampered), "");

        assertThat(get.statusCode()).isEqualTo(400);
        assertHtmlPage(get, "en");
        assertThat(get.body()).contains("<h1>This link is not valid</h1>").doesNotContain("<form");
        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(post.body()).contains("This link is not valid");
        assertThat(f.reload(mail)).isEqualTo(mail);
        assertThat(f.get(path("garbage")).statusCode()).isEqualTo(400);
    }

    @Test
    void anExpiredLinkShouldBeGone() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example"));
        String token = f.token(mail, TokenAction.CANCEL, null);
        f.clock.advance(Duration.ofHours(2));

        HttpResponse<String> get = f.get(path(token));
        HttpResponse<String> post = f.postLink(path(token), "");

        assertThat(get.statusCode()).isEqualTo(410);
        assertHtmlPage(get, "en");
        assertThat(get.body()).contains("<h1>This link has expired</h1>");
        assertThat(post.statusCode()).isEqualTo(410);
        assertThat(f.reload(mail).state()).isEqualTo(HoldState.HELD);
    }

    @Test
    void aLinkToAnUnknownMailShouldSaySo() {
        WebFixture f = english();
        HeldMail ghost = f.timed("alice@example.com", "bob@partner.example").id(HeldMailId.random()).build();
        String token = f.token(ghost, TokenAction.CANCEL, null);

        HttpResponse<String> get = f.get(path(token));
        HttpResponse<String> post = f.postLink(path(token), "");

        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(get.body()).contains("<h1>The mail was not found</h1>");
        assertThat(post.statusCode()).isEqualTo(404);
    }

    @Test
    void sendNowShouldMakeTheMailDue() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example"));
        String token = f.token(mail, TokenAction.SEND_NOW, null);

        assertThat(f.get(path(token)).body()).contains("<h1>Send this mail now?</h1>")
            .contains("<button type=\"submit\">Send it now</button>");
        HttpResponse<String> response = f.postLink(path(token), "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<h1>The mail will be sent now</h1>");
        HeldMail approved = f.reload(mail);
        assertThat(approved.state()).isEqualTo(HoldState.APPROVED);
        assertThat(approved.isDue(f.clock.instant())).isTrue();
    }

    @Test
    void cancelRecipientShouldRemoveOnlyThatRecipient() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example", "carol@example.com"));
        String token = f.token(mail, TokenAction.CANCEL_RECIPIENT, "bob@partner.example");

        assertThat(f.get(path(token)).body()).contains("<h1>Remove bob@partner.example from the recipients?</h1>");
        HttpResponse<String> response = f.postLink(path(token), "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<h1>bob@partner.example was removed</h1>")
            .contains("The mail goes to the other recipients.");
        HeldMail after = f.reload(mail);
        assertThat(after.state()).isEqualTo(HoldState.HELD);
        assertThat(after.recipients()).containsExactly("carol@example.com");
    }

    @Test
    void aCancelRecipientLinkForARecipientAlreadyRemovedShouldShowNoButton() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example", "carol@example.com"));
        String first = f.token(mail, TokenAction.CANCEL_RECIPIENT, "bob@partner.example");
        String second = f.token(mail, TokenAction.CANCEL_RECIPIENT, "bob@partner.example");
        f.postLink(path(first), "");

        HttpResponse<String> get = f.get(path(second));
        HttpResponse<String> post = f.postLink(path(second), "");

        assertThat(get.statusCode()).isEqualTo(409);
        assertThat(get.body()).contains("bob@partner.example is no longer a recipient").doesNotContain("<form");
        assertThat(post.statusCode()).isEqualTo(409);
        assertThat(post.body()).contains("bob@partner.example is no longer a recipient");
    }

    @Test
    void aLinkForAMailAlreadySentShouldSaySoAndShowNoButton() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example"));
        String token = f.token(mail, TokenAction.CANCEL, null);
        f.clock.advance(Duration.ofMinutes(6));
        f.service.releaseDue((m, payload) -> f.service.confirmReleased(m.id()), 10);
        assertThat(f.reload(mail).state()).isEqualTo(HoldState.RELEASED);

        HttpResponse<String> get = f.get(path(token));
        HttpResponse<String> post = f.postLink(path(token), "");

        assertThat(get.statusCode()).isEqualTo(409);
        assertThat(get.body()).contains("<h1>This can no longer be done</h1>")
            .contains("The mail was already sent.").doesNotContain("<form").doesNotContain("<button");
        assertThat(post.statusCode()).isEqualTo(409);
        assertThat(post.body()).contains("The mail was already sent.");
    }

    @Test
    void approveShouldApproveTheMail() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.approval("alice@example.com", "bob@partner.example"));
        String token = f.token(mail, TokenAction.APPROVE, "boss@example.com");

        HttpResponse<String> get = f.get(path(token));
        assertThat(get.body()).contains("<h1>Approve this mail?</h1>").contains("after approval")
            .contains("waiting for approval").contains("<button type=\"submit\">Approve</button>");
        HttpResponse<String> post = f.postLink(path(token), "");

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).contains("<h1>The mail was approved</h1>");
        HeldMail approved = f.reload(mail);
        assertThat(approved.state()).isEqualTo(HoldState.APPROVED);
        assertThat(approved.lastDecision().orElseThrow().actor()).isEqualTo("boss@example.com");
    }

    @Test
    void anApproveLinkShouldNeedEveryChecklistItemTickedAndCountEachApproverOnce() {
        fixture = new WebFixture(dir, "ja", java.util.Map.of("approval.checklist", "件名,添付ファイル"));
        WebFixture f = fixture;
        HeldMail mail = f.hold(f.approval("alice@example.com", "bob@partner.example")
            .approvers(java.util.List.of("boss@example.com", "sec@example.com"))
            .attribute(HeldMail.APPROVALS_REQUIRED, "2"));
        String boss = f.token(mail, TokenAction.APPROVE, "boss@example.com");
        String bossAgain = f.token(mail, TokenAction.APPROVE, "boss@example.com");
        String sec = f.token(mail, TokenAction.APPROVE, "sec@example.com");

        assertThat(f.get(path(boss)).body())
            .contains("<input type=\"checkbox\" name=\"check\" id=\"check0\" value=\"件名\" required>")
            .contains("value=\"添付ファイル\"");
        HttpResponse<String> unticked = f.postLink(path(boss), "check=" + encode("件名"));
        assertThat(unticked.statusCode()).isEqualTo(400);
        assertThat(unticked.body()).contains("チェックされていない項目: 添付ファイル").contains("name=\"check\"");
        assertThat(f.reload(mail).approvals()).isEmpty();

        HttpResponse<String> first = f.postLink(path(boss), "check=" + encode("件名") + "&check=" + encode("添付ファイル"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("承認を記録しました (1/2)");
        assertThat(f.reload(mail).state()).isEqualTo(HoldState.HELD);
        HttpResponse<String> again = f.postLink(path(bossAgain), "check=" + encode("件名") + "&check=" + encode("添付ファイル"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("既に承認しています");
        HttpResponse<String> second = f.postLink(path(sec), "check=" + encode("件名") + "&check=" + encode("添付ファイル"));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(f.reload(mail).state()).isEqualTo(HoldState.APPROVED);
        assertThat(f.reload(mail).approvals()).containsExactly("boss@example.com", "sec@example.com");
    }

    @Test
    void rejectWithACommentShouldStoreTheComment() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.approval("alice@example.com", "bob@partner.example"));
        String token = f.token(mail, TokenAction.REJECT, "boss@example.com");

        HttpResponse<String> get = f.get(path(token));
        assertThat(get.body()).contains("<h1>Reject this mail?</h1>")
            .contains("<label for=\"comment\">Comment for the sender (optional)</label>")
            .contains("<textarea id=\"comment\" name=\"comment\"")
            .contains("<button type=\"submit\" class=\"danger\">Reject</button>");
        HttpResponse<String> post = f.postLink(path(token), "comment=" + encode("Remove the price list & resend"));

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).contains("<h1>The mail was rejected</h1>").contains("the sender is told");
        HeldMail rejected = f.reload(mail);
        assertThat(rejected.state()).isEqualTo(HoldState.REJECTED);
        assertThat(rejected.lastDecision().orElseThrow().comment()).isEqualTo("Remove the price list & resend");
    }

    @Test
    void sendNowOnAMailWaitingForApprovalShouldBeRefused() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.approval("alice@example.com", "bob@partner.example"));
        String token = f.token(mail, TokenAction.SEND_NOW, null);

        HttpResponse<String> get = f.get(path(token));
        HttpResponse<String> post = f.postLink(path(token), "");

        assertThat(get.statusCode()).isEqualTo(409);
        assertThat(get.body()).contains("waits for approval").doesNotContain("<form");
        assertThat(post.statusCode()).isEqualTo(409);
        assertThat(f.reload(mail).state()).isEqualTo(HoldState.HELD);
    }

    @Test
    void pagesShouldBeInJapaneseWhenConfigured() {
        WebFixture f = japanese();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example", "carol@example.com"));
        String cancel = f.token(mail, TokenAction.CANCEL, null);
        String sendNow = f.token(mail, TokenAction.SEND_NOW, null);

        HttpResponse<String> get = f.get(path(cancel));

        assertThat(get.statusCode()).isEqualTo(200);
        assertHtmlPage(get, "ja");
        assertThat(get.body())
            .contains("<h1>このメールの送信を取り消しますか？</h1>")
            .contains("件名").contains("差出人").contains("宛先").contains("送信予定時刻")
            .contains("2025年5月1日(木) 14:05")
            .contains("あと5分")
            .contains("送信保留中")
            .contains("<strong>partner.example</strong> (1件)")
            .contains(">送信を取り消す</button>");
        assertThat(f.get(path(sendNow)).body()).contains(">今すぐ送信する</button>");
        assertThat(f.get(path(f.token(mail, TokenAction.CANCEL_RECIPIENT, "carol@example.com"))).body())
            .contains("<h1>carol@example.com への送信だけを取り消しますか？</h1>")
            .contains(">この宛先だけ取り消す</button>");

        HttpResponse<String> done = f.postLink(path(cancel), "");
        assertThat(done.body()).contains("<h1>送信を取り消しました</h1>");
        HttpResponse<String> again = f.postLink(path(cancel), "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("<h1>このリンクは使用済みです</h1>");
        HttpResponse<String> late = f.postLink(path(sendNow), "");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("このメールの送信はすでに取り消されています。");
        assertThat(f.get(path("x.y")).body()).contains("<h1>このリンクは無効です</h1>");
    }

    @Test
    void japaneseApprovalPagesShouldOfferApproveAndRejectWithAComment() {
        WebFixture f = japanese();
        HeldMail mail = f.hold(f.approval("alice@example.com", "bob@partner.example"));
        String approve = f.token(mail, TokenAction.APPROVE, "boss@example.com");
        String reject = f.token(mail, TokenAction.REJECT, "boss@example.com");

        assertThat(f.get(path(approve)).body()).contains(">承認する</button>").contains("承認待ち");
        assertThat(f.get(path(reject)).body()).contains(">却下する</button>")
            .contains("<label for=\"comment\">送信者へのコメント（任意）</label>");
        HttpResponse<String> post = f.postLink(path(reject), "comment=" + encode("宛先が違います"));

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).contains("<h1>却下しました</h1>");
        assertThat(f.reload(mail).lastDecision().orElseThrow().comment()).isEqualTo("宛先が違います");
    }

    @Test
    void everyValueFromTheMailShouldBeEscaped() {
        WebFixture f = english();
        HeldMail mail = f.hold(f.timed("\"><script>alert(1)</script>@evil.example", "bob@partner.example")
            .subject("<script>alert('x')</script> & <b>bold</b>"));
        String token = f.token(mail, TokenAction.CANCEL, null);

        HttpResponse<String> get = f.get(path(token));
        HttpResponse<String> post = f.postLink(path(token), "");

        for (HttpResponse<String> response : java.util.List.of(get, post)) {
            assertThat(response.body())
                .doesNotContain("<script")
                .doesNotContain("<b>bold")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
                .contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@evil.example");
        }
    }

    @Test
    void theAdminsTextsShouldReplaceTheBuiltInOnesAndTheFooterShouldBeOnEveryPage() {
        fixture = new WebFixture(dir, "ja", java.util.Map.of(
            "page.text.footer", "問い合わせ: 情報システム部 <内線 1234>\n平日 9-18 時",
            "page.text.buttonCancel", "送信をやめる",
            "page.text.invalidLinkText", "リンクが正しくありません。情報システム部へ連絡してください。"));
        WebFixture f = fixture;
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example"));
        String token = f.token(mail, TokenAction.CANCEL, null);
        String footer = "<footer class=\"note\">問い合わせ: 情報システム部 &lt;内線 1234&gt;<br>\n平日 9-18 時</footer>";

        HttpResponse<String> get = f.get(path(token));
        HttpResponse<String> tampered = f.get(path(token.substring(0, token.length() - 1)
            + (token.endsWith("A") ? "B" : "A")));
        HttpResponse<String> post = f.postLink(path(token), "");
        HttpResponse<String> again = f.postLink(path(token), "");

        assertThat(get.body()).contains(">送信をやめる</button>").doesNotContain(">送信を取り消す</button>").contains(footer);
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.body()).contains("リンクが正しくありません。情報システム部へ連絡してください。").contains(footer);
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).contains(footer);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains(footer);
        for (HttpResponse<String> response : java.util.List.of(get, tampered, post, again)) {
            assertHtmlPage(response, "ja");
        }
    }

    @Test
    void theDeadlineOfAMailWaitingForApprovalShouldNotBeCalledItsSendingTime() {
        WebFixture f = japanese();
        HeldMail mail = f.hold(f.approval("trainee@example.com", "bob@partner.example")
            .dueAt(f.clock.instant().plus(java.time.Duration.ofHours(2))));
        HeldMail timed = f.hold(f.timed("alice@example.com", "bob@partner.example"));

        String approvalPage = f.get(path(f.token(mail, TokenAction.APPROVE, "boss@example.com"))).body();
        String timedPage = f.get(path(f.token(timed, TokenAction.CANCEL, null))).body();

        // 07:00Z is 16:00 in Tokyo
        assertThat(approvalPage).contains("<dt>承認期限</dt><dd>2025年5月1日(木) 16:00 JST (あと約2時間)</dd>")
            .contains("<dt>送信予定時刻</dt><dd>承認後に送信</dd>");
        assertThat(timedPage).contains("<dt>送信予定時刻</dt><dd>2025年5月1日(木) 14:05").doesNotContain("承認期限");
    }

    @Test
    void withoutTheAdminsTextsThePagesShouldHaveNoFooter() {
        WebFixture f = japanese();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example"));

        assertThat(f.get(path(f.token(mail, TokenAction.CANCEL, null))).body()).doesNotContain("<footer");
    }

    @Test
    void everyNameAnAdminCanSetShouldReplaceAText() {
        java.util.Map<String, String> replaced = new java.util.HashMap<>();
        for (String name : io.sendguard.hold.service.HoldSettings.PAGE_TEXT_NAMES) {
            replaced.put(name, "replaced:" + name);
        }
        for (String language : java.util.List.of("ja", "en")) {
            PageTexts t = PageTexts.forLanguage(language, replaced);
            java.util.Set<String> shown = new java.util.HashSet<>(java.util.List.of(t.commentLabel(), t.commentHint(),
                t.subjectLabel(), t.senderLabel(), t.recipientsLabel(), t.removedRecipientsLabel(), t.dueLabel(),
                t.approvalDeadlineLabel(), t.stateLabel(), t.noSubject(), t.noSender(), t.dueAfterApproval(), t.invalidLinkHeading(),
                t.invalidLinkText(), t.expiredHeading(), t.expiredText(), t.usedHeading(), t.usedText(),
                t.notFoundHeading(), t.notFoundText(), t.notPossibleHeading(), t.closeHint(), t.footer()));
            for (TokenAction action : TokenAction.values()) {
                shown.add(t.button(action));
            }
            // the words of the other pages (sign-in, my mail, one mail, approvals)
            shown.addAll(t.words().all().values());
            for (String name : io.sendguard.hold.service.HoldSettings.PAGE_TEXT_NAMES) {
                assertThat(shown).as(language + " " + name).contains("replaced:" + name);
            }
            assertThat(t.lang()).isEqualTo(language);
        }
    }

    @Test
    void escaperShouldEscapeMarkupCharacters() {
        assertThat(HtmlEscaper.escape("<script>alert(\"x\" + 'y')</script> & co"))
            .isEqualTo("&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;)&lt;/script&gt; &amp; co");
        assertThat(HtmlEscaper.escape("plain 日本語")).isEqualTo("plain 日本語");
        assertThat(HtmlEscaper.escape("")).isEmpty();
        assertThat(HtmlEscaper.escape(null)).isEmpty();
    }

    @Test
    void anApproveOrRejectLinkForSomeoneWhoDoesNotApproveTheMailShouldBeRefusedInWordsAndLeaveItHeld() {
        WebFixture f = japanese();
        HeldMail mail = f.hold(f.approval("alice@example.com", "bob@partner.example"));
        String forged = f.token(mail, TokenAction.APPROVE, "mallory@example.com");
        String bySender = f.token(mail, TokenAction.REJECT, "alice@example.com");

        for (String token : java.util.List.of(forged, bySender)) {
            HttpResponse<String> page = f.get(path(token));
            HttpResponse<String> post = f.postLink(path(token), "");
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(post.statusCode()).isEqualTo(403);
            assertHtmlPage(post, "ja");
            assertThat(post.body()).contains("承認者ではない").contains("保留されたまま").doesNotContain("<form");
        }

        assertThat(f.reload(mail).state()).isEqualTo(HoldState.HELD);
        assertThat(f.service.check(forged).isOk()).as("not used up").isTrue();
        assertThat(f.postLink(path(f.token(mail, TokenAction.APPROVE, "boss@example.com")), "").statusCode()).isEqualTo(200);
    }

    @Test
    void anInternalFailureShouldAnswerATryAgainPageWithoutAStackTrace() throws Exception {
        WebFixture f = english();
        HeldMail mail = f.hold(f.timed("alice@example.com", "bob@partner.example"));
        String token = f.token(mail, TokenAction.CANCEL, null);
        java.nio.file.Files.write(dir.resolve("store/mails").resolve(mail.id().asString().substring(0, 2))
            .resolve(mail.id().asString()).resolve("meta.properties"), new byte[] {0, 1, 2});

        for (HttpResponse<String> response : java.util.List.of(f.get(path(token)), f.postLink(path(token), ""))) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertHtmlPage(response, "en");
            assertThat(response.body()).contains("try again later").doesNotContain("Exception").doesNotContain("at io.");
        }
        assertThat(f.service.check(token).isOk()).isTrue();
    }
}
