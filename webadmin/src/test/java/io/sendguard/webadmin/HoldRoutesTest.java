package io.sendguard.webadmin;

import static io.sendguard.webadmin.HoldFixture.encode;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.FindingCodec;
import io.sendguard.core.finding.Severity;
import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HeldMailId;
import io.sendguard.hold.HoldState;

class HoldRoutesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private HoldFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = HoldFixture.withAdminRoutes(dir);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private HeldMail holdAt(HeldMail.Builder builder) {
        HeldMail mail = fixture.hold(builder);
        fixture.clock.advance(Duration.ofSeconds(1));
        return mail;
    }

    @Test
    void listShouldReturnHeldMailsNewestFirstWithTheirDetails() {
        HeldMail first = holdAt(fixture.timed("alice@example.com", "bob@partner.example"));
        HeldMail second = holdAt(fixture.approval("carol@example.com", "dave@partner.example")
            .attribute(HoldJson.FINDINGS_ATTRIBUTE, FindingCodec.encode(List.of(
                Finding.of("attachment.blocked-type", "attachment", Severity.HIGH, "attachment:a.exe", "a.exe")))));

        HttpResponse<String> response = fixture.get("/sendguard/holds");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode page = json(response);
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("offset").asInt()).isEqualTo(0);
        assertThat(page.get("limit").asInt()).isEqualTo(50);
        assertThat(ids(page)).containsExactly(second.id().asString(), first.id().asString());
        JsonNode approval = page.get("items").get(0);
        assertThat(approval.get("sender").asText()).isEqualTo("carol@example.com");
        assertThat(approval.get("recipients").get(0).asText()).isEqualTo("dave@partner.example");
        assertThat(approval.get("removedRecipients").size()).isZero();
        assertThat(approval.get("subject").asText()).isEqualTo("Quarterly report");
        assertThat(approval.get("messageId").asText()).isEqualTo(second.messageId());
        assertThat(approval.get("createdAt").asText()).isEqualTo(second.createdAt().toString());
        assertThat(approval.get("dueAt").isNull()).isTrue();
        assertThat(approval.get("mode").asText()).isEqualTo("APPROVAL");
        assertThat(approval.get("state").asText()).isEqualTo("HELD");
        assertThat(approval.get("approvers").get(0).asText()).isEqualTo("boss@example.com");
        assertThat(approval.get("releaseProcessor").asText()).isEqualTo("relay");
        assertThat(approval.get("lastDecision").isNull()).isTrue();
        JsonNode finding = approval.get("findings").get(0);
        assertThat(finding.get("ruleId").asText()).isEqualTo("attachment.blocked-type");
        assertThat(finding.get("category").asText()).isEqualTo("attachment");
        assertThat(finding.get("severity").asText()).isEqualTo("HIGH");
        assertThat(finding.get("location").asText()).isEqualTo("attachment:a.exe");
        assertThat(finding.get("excerpt").asText()).isEqualTo("a.exe");
        JsonNode timed = page.get("items").get(1);
        assertThat(timed.get("dueAt").asText()).isEqualTo(first.dueAt().orElseThrow().toString());
        assertThat(timed.get("findings").size()).isZero();
    }

    @Test
    void listShouldFilterBySenderRecipientAndState() {
        HeldMail alice = holdAt(fixture.timed("alice@example.com", "bob@partner.example"));
        HeldMail carol = holdAt(fixture.timed("carol@example.com", "bob@partner.example", "erin@other.example"));
        HeldMail cancelled = holdAt(fixture.timed("alice@example.com", "erin@other.example"));
        fixture.post("/sendguard/holds/" + cancelled.id().asString() + "?action=cancel");

        assertThat(ids(json(fixture.get("/sendguard/holds?sender=ALICE@example.com"))))
            .containsExactly(cancelled.id().asString(), alice.id().asString());
        assertThat(ids(json(fixture.get("/sendguard/holds?recipient=erin@other.example"))))
            .containsExactly(cancelled.id().asString(), carol.id().asString());
        assertThat(ids(json(fixture.get("/sendguard/holds?state=held"))))
            .containsExactly(carol.id().asString(), alice.id().asString());
        assertThat(ids(json(fixture.get("/sendguard/holds?sender=alice@example.com&state=CANCELLED"))))
            .containsExactly(cancelled.id().asString());
    }

    @Test
    void listShouldPage() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, holdAt(fixture.timed("alice@example.com", "bob@partner.example")).id().asString());
        }

        JsonNode page = json(fixture.get("/sendguard/holds?offset=1&limit=2"));

        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(ids(page)).containsExactly(newestFirst.get(1), newestFirst.get(2));
        assertThat(ids(json(fixture.get("/sendguard/holds?offset=4&limit=2")))).containsExactly(newestFirst.get(4));
        assertThat(ids(json(fixture.get("/sendguard/holds?offset=10")))).isEmpty();
    }

    @Test
    void listShouldRejectBadParametersNamingThem() {
        assertBadRequestNaming(fixture.get("/sendguard/holds?state=SENT"), "state");
        assertBadRequestNaming(fixture.get("/sendguard/holds?offset=-1"), "offset");
        assertBadRequestNaming(fixture.get("/sendguard/holds?offset=abc"), "offset");
        assertBadRequestNaming(fixture.get("/sendguard/holds?limit=0"), "limit");
        assertBadRequestNaming(fixture.get("/sendguard/holds?limit=1001"), "limit");
        assertBadRequestNaming(fixture.get("/sendguard/holds?limit=99999999999"), "limit");
        assertThat(fixture.get("/sendguard/holds?limit=1000").statusCode()).isEqualTo(200);
        // a filter the route does not know is refused, not ignored (an unfiltered answer would look filtered)
        assertBadRequestNaming(fixture.get("/sendguard/holds?subject=x"), "subject");
    }

    private static void assertBadRequestNaming(HttpResponse<String> response, String parameter) {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.get("statusCode").asInt()).isEqualTo(400);
        assertThat(error.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(error.get("message").asText()).contains("'" + parameter + "'");
    }

    @Test
    void countsShouldListEveryState() {
        fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));
        fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));
        HeldMail cancelled = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));
        fixture.post("/sendguard/holds/" + cancelled.id().asString() + "?action=cancel");

        HttpResponse<String> response = fixture.get("/sendguard/holds/counts");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode counts = json(response);
        assertThat(counts.size()).isEqualTo(HoldState.values().length);
        assertThat(counts.get("HELD").asLong()).isEqualTo(2);
        assertThat(counts.get("CANCELLED").asLong()).isEqualTo(1);
        assertThat(counts.get("RELEASED").asLong()).isZero();
        assertThat(counts.get("EXPIRED").asLong()).isZero();
    }

    @Test
    void getShouldReturnTheMail() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));

        HttpResponse<String> response = fixture.get("/sendguard/holds/" + mail.id().asString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode item = json(response);
        assertThat(item.get("id").asText()).isEqualTo(mail.id().asString());
        assertThat(item.get("state").asText()).isEqualTo("HELD");
        assertThat(item.get("mode").asText()).isEqualTo("TIMED");
    }

    @Test
    void getShouldReturn404ForAnUnknownId() {
        HttpResponse<String> response = fixture.get("/sendguard/holds/" + HeldMailId.random().asString());

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = json(response);
        assertThat(error.get("statusCode").asInt()).isEqualTo(404);
        assertThat(error.get("type").asText()).isEqualTo("notFound");
        assertThat(error.get("message").asText()).contains("not found");
    }

    @Test
    void getShouldReturn400ForAMalformedId() {
        HttpResponse<String> response = fixture.get("/sendguard/holds/" + encode("../../etc/passwd"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(fixture.get("/sendguard/holds/short").statusCode()).isEqualTo(400);
    }

    @Test
    void cancelShouldCancelAndASecondCancelShouldConflict() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));
        String path = "/sendguard/holds/" + mail.id().asString() + "?action=cancel&comment=" + encode("wrong customer");

        HttpResponse<String> first = fixture.post(path);

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode body = json(first);
        assertThat(body.get("id").asText()).isEqualTo(mail.id().asString());
        assertThat(body.get("action").asText()).isEqualTo("cancel");
        assertThat(body.get("state").asText()).isEqualTo("CANCELLED");
        HeldMail cancelled = fixture.reload(mail);
        assertThat(cancelled.state()).isEqualTo(HoldState.CANCELLED);
        assertThat(cancelled.lastDecision().orElseThrow().actor()).isEqualTo("admin");
        assertThat(cancelled.lastDecision().orElseThrow().comment()).isEqualTo("wrong customer");

        HttpResponse<String> second = fixture.post(path);

        assertThat(second.statusCode()).isEqualTo(409);
        JsonNode error = json(second);
        assertThat(error.get("statusCode").asInt()).isEqualTo(409);
        assertThat(error.get("type").asText()).isEqualTo("WrongState");
        assertThat(error.get("state").asText()).isEqualTo("CANCELLED");
        assertThat(error.get("message").asText()).contains("CANCELLED");
    }

    @Test
    void releaseOfATimedMailShouldMakeItApprovedAndDueNow() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));

        HttpResponse<String> response = fixture.post("/sendguard/holds/" + mail.id().asString() + "?action=release");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("state").asText()).isEqualTo("APPROVED");
        HeldMail released = fixture.reload(mail);
        assertThat(released.state()).isEqualTo(HoldState.APPROVED);
        assertThat(released.isDue(fixture.clock.instant())).isTrue();
    }

    @Test
    void releaseOfAMailWaitingForApprovalShouldApproveIt() {
        HeldMail mail = fixture.hold(fixture.approval("alice@example.com", "bob@partner.example"));

        HttpResponse<String> response = fixture.post("/sendguard/holds/" + mail.id().asString() + "?action=release");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("action").asText()).isEqualTo("release");
        HeldMail approved = fixture.reload(mail);
        assertThat(approved.state()).isEqualTo(HoldState.APPROVED);
        assertThat(approved.isDue(fixture.clock.instant())).isTrue();
    }

    @Test
    void rejectShouldStoreTheComment() {
        HeldMail mail = fixture.hold(fixture.approval("alice@example.com", "bob@partner.example"));

        HttpResponse<String> response = fixture.post("/sendguard/holds/" + mail.id().asString()
            + "?action=reject&comment=" + encode("社外秘の資料です"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("state").asText()).isEqualTo("REJECTED");
        assertThat(fixture.reload(mail).lastDecision().orElseThrow().comment()).isEqualTo("社外秘の資料です");
        JsonNode item = json(fixture.get("/sendguard/holds/" + mail.id().asString()));
        assertThat(item.get("lastDecision").get("actor").asText()).isEqualTo("admin");
        assertThat(item.get("lastDecision").get("comment").asText()).isEqualTo("社外秘の資料です");
        assertThat(item.get("lastDecision").get("at").asText()).isEqualTo(fixture.clock.instant().toString());
    }

    @Test
    void approveOfATimedMailShouldConflictWithItsState() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));

        HttpResponse<String> response = fixture.post("/sendguard/holds/" + mail.id().asString() + "?action=approve");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("state").asText()).isEqualTo("HELD");
        assertThat(fixture.reload(mail).state()).isEqualTo(HoldState.HELD);
    }

    @Test
    void postShouldRejectAMissingOrUnknownAction() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));

        assertBadRequestNaming(fixture.post("/sendguard/holds/" + mail.id().asString()), "action");
        assertBadRequestNaming(fixture.post("/sendguard/holds/" + mail.id().asString() + "?action=delete"), "action");
        assertThat(fixture.reload(mail).state()).isEqualTo(HoldState.HELD);
    }

    @Test
    void postShouldReturn404ForAnUnknownMail() {
        HttpResponse<String> response = fixture.post("/sendguard/holds/" + HeldMailId.random().asString() + "?action=cancel");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("type").asText()).isEqualTo("notFound");
    }

    @Test
    void deleteRecipientShouldRemoveOnlyThatRecipient() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example", "carol@example.com"));

        HttpResponse<String> response = fixture.delete("/sendguard/holds/" + mail.id().asString()
            + "/recipients/" + encode("Bob@Partner.example"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode item = json(response);
        assertThat(item.get("state").asText()).isEqualTo("HELD");
        assertThat(item.get("recipients").toString()).isEqualTo("[\"carol@example.com\"]");
        assertThat(item.get("removedRecipients").toString()).isEqualTo("[\"bob@partner.example\"]");
        assertThat(fixture.reload(mail).recipients()).containsExactly("carol@example.com");
    }

    @Test
    void deleteOfTheLastRecipientShouldCancelTheMail() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob+sales@partner.example"));

        HttpResponse<String> response = fixture.delete("/sendguard/holds/" + mail.id().asString()
            + "/recipients/bob+sales@partner.example");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void deleteRecipientShouldSayWhatIsNotFound() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));

        HttpResponse<String> notARecipient = fixture.delete("/sendguard/holds/" + mail.id().asString()
            + "/recipients/mallory@example.com");
        HttpResponse<String> unknownMail = fixture.delete("/sendguard/holds/" + HeldMailId.random().asString()
            + "/recipients/bob@partner.example");

        assertThat(notARecipient.statusCode()).isEqualTo(404);
        assertThat(json(notARecipient).get("message").asText()).contains("mallory@example.com").contains("not a recipient");
        assertThat(unknownMail.statusCode()).isEqualTo(404);
        assertThat(json(unknownMail).get("message").asText()).contains("Held mail").contains("not found");
        assertThat(fixture.reload(mail).recipients()).containsExactly("bob@partner.example");
    }

    @Test
    void deleteRecipientOfACancelledMailShouldConflict() {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example", "carol@example.com"));
        fixture.post("/sendguard/holds/" + mail.id().asString() + "?action=cancel");

        HttpResponse<String> response = fixture.delete("/sendguard/holds/" + mail.id().asString()
            + "/recipients/bob@partner.example");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void messageShouldReturnTheHeldMessageEvenAfterCancelSoAnAdminCanRecoverIt() {
        HeldMail mail = holdAt(fixture.timed("alice@example.com", "bob@partner.example"));
        fixture.post("/sendguard/holds/" + mail.id().asString() + "?action=cancel");

        HttpResponse<String> response = fixture.get("/sendguard/holds/" + mail.id().asString() + "/message");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("message/rfc822"));
        assertThat(response.body()).startsWith("Subject: test");
    }

    @Test
    void messageShouldAnswer404ForAnUnknownMail() {
        HttpResponse<String> response = fixture.get("/sendguard/holds/AAAAAAAAAAAAAAAAAAAAAA/message");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"statusCode\":404");
    }

    @Test
    void badShouldListTheMailsSetAsideAndTheOthersShouldStillBeReleased() throws Exception {
        HeldMail fine = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example").dueAt(fixture.clock.instant()));
        HeldMail broken = fixture.hold(fixture.timed("alice@example.com", "carol@partner.example").dueAt(fixture.clock.instant()));
        java.nio.file.Files.write(dir.resolve("store/mails").resolve(broken.id().asString().substring(0, 2))
            .resolve(broken.id().asString()).resolve("meta.properties"), new byte[] {0, 1, 2});
        assertThat(json(fixture.get("/sendguard/holds/bad")).get("count").asInt()).isZero();

        assertThat(fixture.service.releaseDue((m, p) -> p.close(), 10)).isEqualTo(1);

        JsonNode bad = json(fixture.get("/sendguard/holds/bad"));
        assertThat(bad.get("count").asInt()).isEqualTo(1);
        assertThat(bad.get("items").get(0).get("id").asText()).isEqualTo(broken.id().asString());
        assertThat(bad.get("items").get(0).get("reason").asText()).contains("cannot be claimed");
        assertThat(fixture.reload(fine).state()).isEqualTo(HoldState.RELEASING);
        assertThat(fixture.get("/sendguard/holds/bad?x=1").statusCode()).isEqualTo(400);
    }

    @Test
    void anInternalFailureShouldBeA503WithoutAStackTrace() throws Exception {
        HeldMail mail = fixture.hold(fixture.timed("alice@example.com", "bob@partner.example"));
        java.nio.file.Files.write(dir.resolve("store/mails").resolve(mail.id().asString().substring(0, 2))
            .resolve(mail.id().asString()).resolve("meta.properties"), new byte[] {0, 1, 2});

        for (HttpResponse<String> response : List.of(fixture.get("/sendguard/holds/" + mail.id().asString()),
            fixture.get("/sendguard/holds/" + mail.id().asString() + "/message"))) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("message").asText()).contains("try again later");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
        }
    }
}
