package io.sendguard.web;

import static io.sendguard.web.WebFixture.encode;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldState;

/** The pages of a signed-in sender and approver, on a real listener with a browser-like client (cookies kept). */
class PortalPagesTest {
    private static final String ALICE = "alice@example.com";
    private static final String BOSS = "boss@example.com";
    private static final String DEPUTY = "deputy@example.com";

    @TempDir
    Path dir;

    private WebFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private WebFixture fixture(Map<String, String> more) {
        fixture = new WebFixture(dir, "en", more);
        fixture.users.put(ALICE, "alice-pw");
        fixture.users.put("mallory@example.com", "mallory-pw");
        fixture.users.put(BOSS, "boss-pw");
        fixture.users.put(DEPUTY, "deputy-pw");
        return fixture;
    }

    private WebFixture fixture() {
        return fixture(Map.of());
    }

    @Test
    void signingInShouldSetAnHttpOnlySameSiteSessionCookieAndOpenMyMail() {
        WebFixture f = fixture();
        HttpResponse<String> form = f.get("/signin");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"password\"").contains("name=\"csrf\"");

        HttpResponse<String> signedIn = f.signIn(ALICE, "alice-pw");

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/my");
        String setCookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sg_session="))
            .findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        HttpResponse<String> my = f.get("/my");
        assertThat(my.statusCode()).isEqualTo(200);
        assertThat(my.body()).contains(ALICE).contains("My mail");
    }

    @Test
    void aWrongPasswordShouldAnswerLikeAnUnknownUserAndBeThrottledWithRetryAfter() {
        WebFixture f = fixture(Map.of("web.rateLimit.attempts", "3", "web.rateLimit.window", "5m"));
        HttpResponse<String> wrong = f.signIn(ALICE, "nope");
        HttpResponse<String> unknown = f.signIn("nobody@example.com", "nope");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(strip(wrong.body(), "nope")).isEqualTo(strip(unknown.body(), "nope"));
        assertThat(f.cookie("sg_session")).isNull();

        f.signIn(ALICE, "still wrong");
        HttpResponse<String> throttled = f.signIn(ALICE, "alice-pw");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
        assertThat(f.cookie("sg_session")).isNull();
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(f.signIn(ALICE, "alice-pw").statusCode()).isEqualTo(303);
    }

    /** The two answers differ only in the address echoed into the form and the CSRF token. */
    private static String strip(String body, String password) {
        return body.replaceAll("value=\"[^\"]*\"", "value=\"\"").replace(password, "");
    }

    @Test
    void aFormWithoutTheCsrfTokenShouldBeRefusedAndDoNothing() {
        WebFixture f = fixture();
        HeldMail mail = f.hold(f.timed(ALICE, "bob@partner.example"));
        f.signIn(ALICE, "alice-pw");

        HttpResponse<String> noToken = f.postForm("/mail/" + mail.id() + "/cancel", "");
        HttpResponse<String> wrongToken = f.postForm("/mail/" + mail.id() + "/cancel", "csrf=" + "A".repeat(43));
        HttpResponse<String> signInWithout = f.postForm("/signin", "user=" + encode(ALICE) + "&password=alice-pw");

        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(signInWithout.statusCode()).isEqualTo(403);
        assertThat(f.reload(mail).state()).isEqualTo(HoldState.HELD);
    }

    @Test
    void withoutASessionOrWithAForgedOneThePagesShouldLeadToSignIn() {
        WebFixture f = fixture();
        HeldMail mail = f.hold(f.timed(ALICE, "bob@partner.example"));

        assertThat(f.get("/my").headers().firstValue("Location")).hasValue("/signin");
        assertThat(f.get("/mail/" + mail.id()).headers().firstValue("Location")).hasValue("/signin");
        assertThat(f.getWithCookie("/my", "sg_session=forged").headers().firstValue("Location")).hasValue("/signin");
        assertThat(f.get("/").headers().firstValue("Location")).hasValue("/signin");
    }

    @Test
    void aSessionShouldEndWhenIdleTooLongAndAfterItsMaximumAge() {
        WebFixture f = fixture(Map.of("web.session.idle", "30m", "web.session.max", "2h"));
        f.signIn(ALICE, "alice-pw");
        f.clock.advance(Duration.ofMinutes(29));
        assertThat(f.get("/my").statusCode()).isEqualTo(200);
        f.clock.advance(Duration.ofMinutes(31));
        assertThat(f.get("/my").statusCode()).isEqualTo(303);

        f.signIn(ALICE, "alice-pw");
        for (int i = 0; i < 5; i++) {
            f.clock.advance(Duration.ofMinutes(25));
            f.get("/my");
        }
        assertThat(f.get("/my").statusCode()).isEqualTo(303);
    }

    @Test
    void mySendersMailShouldListOnlyHerOwnMailAndAnotherSendersMailShouldBe404() {
        WebFixture f = fixture();
        HeldMail mine = f.hold(f.timed(ALICE, "bob@partner.example").subject("Alice's quote"));
        HeldMail theirs = f.hold(f.timed("mallory@example.com", "eve@partner.example").subject("Mallory's secret"));
        f.signIn(ALICE, "alice-pw");

        HttpResponse<String> my = f.get("/my");
        assertThat(my.body()).contains("Alice&#39;s quote").doesNotContain("Mallory");
        assertThat(f.get("/mail/" + mine.id()).statusCode()).isEqualTo(200);
        HttpResponse<String> other = f.get("/mail/" + theirs.id());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("Mallory");
        HttpResponse<String> cancelOther = f.submit("/my", "/mail/" + theirs.id() + "/cancel", "");
        assertThat(cancelOther.statusCode()).isEqualTo(404);
        assertThat(f.reload(theirs).state()).isEqualTo(HoldState.HELD);
        assertThat(f.get("/mail/not-an-id").statusCode()).isEqualTo(404);
    }

    @Test
    void removingTwoOfFiveRecipientsWithCheckboxesShouldKeepTheOtherThree() {
        WebFixture f = fixture();
        HeldMail mail = f.hold(f.timed(ALICE, "a@partner.example", "b@partner.example", "c@other.example",
            "d@example.com", "e@partner.example"));
        f.signIn(ALICE, "alice-pw");
        HttpResponse<String> page = f.get("/mail/" + mail.id());
        assertThat(page.body()).contains("type=\"checkbox\" name=\"recipient\" value=\"b@partner.example\"")
            .contains("external").contains("internal");

        HttpResponse<String> removed = f.submit("/mail/" + mail.id(), "/mail/" + mail.id() + "/remove",
            "recipient=" + encode("b@partner.example") + "&recipient=" + encode("c@other.example"));

        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.body()).contains("Removed: b@partner.example, c@other.example");
        HeldMail now = f.reload(mail);
        assertThat(now.recipients()).containsExactly("a@partner.example", "d@example.com", "e@partner.example");
        assertThat(now.state()).isEqualTo(HoldState.HELD);
    }

    @Test
    void removingARecipientThatIsNotOnTheMailShouldBe400NamingItAndRemoveNothing() {
        WebFixture f = fixture();
        HeldMail mail = f.hold(f.timed(ALICE, "a@partner.example", "b@partner.example"));
        f.signIn(ALICE, "alice-pw");

        HttpResponse<String> answer = f.submit("/mail/" + mail.id(), "/mail/" + mail.id() + "/remove",
            "recipient=" + encode("a@partner.example") + "&recipient=" + encode("<x>@evil.example"));
        HttpResponse<String> none = f.submit("/mail/" + mail.id(), "/mail/" + mail.id() + "/remove", "");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("&lt;x&gt;@evil.example is not a recipient of this mail").doesNotContain("<x>");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(f.reload(mail).recipients()).containsExactly("a@partner.example", "b@partner.example");
    }

    @Test
    void theSenderShouldCancelAndSendNowFromTheMailPage() {
        WebFixture f = fixture();
        HeldMail first = f.hold(f.timed(ALICE, "a@partner.example"));
        HeldMail second = f.hold(f.timed(ALICE, "b@partner.example"));
        f.signIn(ALICE, "alice-pw");

        assertThat(f.submit("/mail/" + first.id(), "/mail/" + first.id() + "/cancel", "").statusCode()).isEqualTo(200);
        assertThat(f.submit("/mail/" + second.id(), "/mail/" + second.id() + "/send-now", "").statusCode()).isEqualTo(200);

        assertThat(f.reload(first).state()).isEqualTo(HoldState.CANCELLED);
        assertThat(f.reload(second).state()).isEqualTo(HoldState.APPROVED);
        HttpResponse<String> late = f.submit("/mail/" + first.id(), "/mail/" + first.id() + "/send-now", "");
        assertThat(late.statusCode()).isEqualTo(409);
    }

    @Test
    void theApproversInboxShouldRequireTheChecklistAndTwoApproversForADoubleCheck() {
        WebFixture f = fixture(Map.of("approval.checklist", "件名,本文,添付ファイル"));
        HeldMail mail = f.hold(f.approval(ALICE, "bob@partner.example").approvers(List.of(BOSS, DEPUTY))
            .attribute(HeldMail.APPROVALS_REQUIRED, "2").subject("見積書 <v2>"));
        f.signIn(BOSS, "boss-pw");

        HttpResponse<String> inbox = f.get("/approvals");
        assertThat(inbox.body()).contains("見積書 &lt;v2&gt;").contains(ALICE);
        HttpResponse<String> page = f.get("/mail/" + mail.id());
        assertThat(page.body()).contains("name=\"check\" value=\"件名\"").contains("Approvals 0 of 2");

        HttpResponse<String> unticked = f.submit("/mail/" + mail.id(), "/mail/" + mail.id() + "/approve",
            "check=" + encode("件名"));
        assertThat(unticked.statusCode()).isEqualTo(400);
        assertThat(unticked.body()).contains("本文, 添付ファイル");
        assertThat(f.reload(mail).approvals()).isEmpty();

        String all = "check=" + encode("件名") + "&check=" + encode("本文") + "&check=" + encode("添付ファイル");
        HttpResponse<String> first = f.submit("/mail/" + mail.id(), "/mail/" + mail.id() + "/approve", all);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("1 of 2 approvals");
        assertThat(f.reload(mail).state()).isEqualTo(HoldState.HELD);
        HttpResponse<String> again = f.postForm("/mail/" + mail.id() + "/approve", "csrf=" + encode(WebFixture.csrf(first.body()))
            + "&" + all);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(f.reload(mail).state()).isEqualTo(HoldState.HELD);

        f.newBrowser();
        f.signIn(DEPUTY, "deputy-pw");
        HttpResponse<String> second = f.submit("/mail/" + mail.id(), "/mail/" + mail.id() + "/approve", all);
        assertThat(second.statusCode()).isEqualTo(200);
        HeldMail approved = f.reload(mail);
        assertThat(approved.state()).isEqualTo(HoldState.APPROVED);
        assertThat(approved.approvals()).containsExactly(BOSS, DEPUTY);
    }

    @Test
    void theSenderCannotApproveHerOwnMailAndAnotherUserCannotSeeIt() {
        WebFixture f = fixture();
        HeldMail mail = f.hold(f.approval(ALICE, "bob@partner.example").approvers(List.of(BOSS)));
        f.signIn(ALICE, "alice-pw");
        assertThat(f.get("/mail/" + mail.id()).body()).doesNotContain("/approve\"");
        assertThat(f.submit("/mail/" + mail.id(), "/mail/" + mail.id() + "/approve", "").statusCode()).isEqualTo(404);
        f.newBrowser();
        f.signIn("mallory@example.com", "mallory-pw");
        assertThat(f.get("/approvals").body()).doesNotContain(mail.id().toString());
        assertThat(f.get("/mail/" + mail.id()).statusCode()).isEqualTo(404);
        assertThat(f.reload(mail).state()).isEqualTo(HoldState.HELD);
    }

    @Test
    void aRejectCommentShouldBeKept() {
        WebFixture f = fixture();
        HeldMail mail = f.hold(f.approval(ALICE, "bob@partner.example").approvers(List.of(BOSS)));
        f.signIn(BOSS, "boss-pw");
        HttpResponse<String> rejected = f.submit("/mail/" + mail.id(), "/mail/" + mail.id() + "/reject",
            "comment=" + encode("宛先を確認してください"));
        assertThat(rejected.statusCode()).isEqualTo(200);
        HeldMail now = f.reload(mail);
        assertThat(now.state()).isEqualTo(HoldState.REJECTED);
        assertThat(now.lastDecision().orElseThrow().comment()).isEqualTo("宛先を確認してください");
    }

    @Test
    void theSignInLinkOfANoticeShouldSignInItsSenderOnlyAfterThePost() {
        WebFixture f = fixture();
        String link = f.web.signInLinks().link(ALICE);
        String path = link.substring(link.indexOf("/signin/link/"));

        HttpResponse<String> shown = f.get(path);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Sign in as alice@example.com?");
        assertThat(f.cookie("sg_session")).isNull();
        HttpResponse<String> used = f.submit(path, path, "");
        assertThat(used.statusCode()).isEqualTo(303);
        assertThat(f.get("/my").body()).contains(ALICE);

        f.newBrowser();
        String forged = path.substring(0, path.length() - 2) + (path.endsWith("AA") ? "BB" : "AA");
        assertThat(f.get(forged).statusCode()).isEqualTo(400);
        f.clock.advance(Duration.ofDays(8));
        assertThat(f.get(path).statusCode()).isEqualTo(400);
    }

    @Test
    void everyAnswerShouldCarryTheSecurityHeadersAndNoCorsHeader() {
        WebFixture f = fixture();
        for (String path : List.of("/signin", "/my", "/no/such/page", "/actions/forged")) {
            HttpResponse<String> r = f.getWithHeader(path, "Origin", "https://evil.example");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
        HttpResponse<String> missing = f.get("/no/such/page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<!DOCTYPE html>").doesNotContain("Exception");
    }

    @Test
    void aBadPageNumberShouldBe400NamingIt() {
        WebFixture f = fixture();
        f.signIn(ALICE, "alice-pw");
        HttpResponse<String> bad = f.get("/my?page=-3");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("page must be a number from 1");
    }

    @Test
    void myMailShouldBePaginatedNewestFirstAndAnswerQuicklyWith10000HeldMails() {
        WebFixture f = fixture();
        for (int i = 0; i < 10_000; i++) {
            f.store.put(f.timed(ALICE, "bob@partner.example").subject("mail " + i)
                .createdAt(f.clock.instant().plusSeconds(i)).build(), new java.io.ByteArrayInputStream(new byte[] {'x'}));
        }
        f.signIn(ALICE, "alice-pw");
        for (int i = 0; i < 10; i++) {
            f.get("/my?page=" + (1 + i * 20));
        }
        long start = System.nanoTime();
        HttpResponse<String> first = null;
        HttpResponse<String> last = null;
        for (int i = 0; i < 10; i++) {
            first = f.get("/my");
            last = f.get("/my?page=200");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("my mail, 10,000 held mails: " + (millis / 20.0) + " ms per page over HTTP (first and last page, 20 requests)");

        assertThat(first.body()).contains("mail 9999").contains("mail 9950").doesNotContain("mail 9949")
            .contains("1–50 of 10,000").contains("href=\"/my?page&#61;2\"");
        assertThat(last.body()).contains("mail 0<").contains("9,951–10,000 of 10,000").doesNotContain("page&#61;201");
        assertThat(millis / 20).isLessThan(500);
    }
}
