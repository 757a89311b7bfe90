package io.sendguard.core.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sendguard.core.suppression.SuppressionReason;

/** Every rule id of {@link FindingWords#RULE_IDS} in both languages, with the excerpts the detectors write. */
class FindingWordsTest {
    private static final FindingWords JA = FindingWords.forLanguage("ja");
    private static final FindingWords EN = FindingWords.forLanguage("en");

    private static Finding f(String ruleId, String category, String location, String excerpt) {
        return Finding.of(ruleId, category, Severity.MEDIUM, location, excerpt);
    }

    /** rule id -> {finding, Japanese, English}: one example per rule id, as the detectors write them. */
    private static Map<String, Object[]> examples() {
        Map<String, Object[]> e = new LinkedHashMap<>();
        e.put("recipients.first-time-domain", new Object[] {
            f("recipients.first-time-domain", "recipients", "domain:partner.example", "first mail from this sender to partner.example"),
            "partner.example へは初めての送信です", "This is the first mail to partner.example"});
        e.put("recipients.first-time-address", new Object[] {
            f("recipients.first-time-address", "recipients", "domain:partner.example", "2 addresses at partner.example this sender has never written to"),
            "partner.example の宛先のうち 2 件は初めて送る相手です",
            "2 of the addresses at partner.example have never had mail from this sender"});
        e.put("recipients.lookalike-domain", new Object[] {
            f("recipients.lookalike-domain", "recipients", "domain:exmaple.com", "exmaple.com looks like example.com (1 edit)"),
            "宛先ドメイン exmaple.com は example.com によく似ています（1 文字違い。打ち間違いや偽装の可能性）",
            "The recipient domain exmaple.com looks like example.com (1 character apart; a typo or an imitation?)"});
        e.put("recipients.many-external", new Object[] {
            f("recipients.many-external", "recipients", "envelope", "25 external recipients in 3 domains (more than 20 external recipients)"),
            "社外の宛先が 25 件（3 ドメイン）あり、上限の 20 件を超えています",
            "25 external recipients in 3 domains, more than the 20 external recipients allowed"});
        e.put("recipients.blocked-domain", new Object[] {
            f("recipients.blocked-domain", "blocked-recipient", "domain:rival.example", "rival.example is a blocked domain"),
            "rival.example は送信が禁止されているドメインです", "rival.example is a domain no mail may be sent to"});
        e.put("recipients.suppressed", new Object[] {
            f("recipients.suppressed", "recipients", "envelope", "2 suppressed recipients removed (unsubscribed, listed)"),
            "送信できない宛先 2 件を削除しました（配信停止（退会）、送信停止リストに登録）",
            "2 recipients that must not get mail were removed (unsubscribed, on the suppression list)"});
        e.put("recipients.converted-to-bcc", new Object[] {
            f("recipients.converted-to-bcc", "recipients", "header:To/Cc", "4 external recipients in 3 domains hidden"),
            "社外の宛先 4 件（3 ドメイン）を Bcc に変えて、受信者どうしで見えないようにしました",
            "4 external recipients in 3 domains were moved to Bcc so that they cannot see each other"});
        e.put("recipients.split", new Object[] {
            f("recipients.split", "recipients", "header:To/Cc", "3 copies, one per external recipient; 0 external recipients in 0 domains hidden"),
            "社外の宛先ごとに 1 通ずつ、3 通に分けて送ります", "The mail is sent as 3 copies, one per external recipient"});
        e.put("attachment.blocked-type", new Object[] {
            f("attachment.blocked-type", "attachment", "attachment:a.zip!/b.exe", "type application/x-msdownload; format=pe32 is not allowed"),
            "添付ファイル a.zip 内の b.exe は送信できない種類のファイル（実行ファイル）です",
            "The file b.exe in the attachment a.zip is a kind of file that must not be sent (an executable program)"});
        e.put("attachment.type-mismatch", new Object[] {
            f("attachment.type-mismatch", "attachment", "attachment:invoice.pdf", "content is application/x-dosexec but the name says application/pdf"),
            "添付ファイル invoice.pdf の中身は実行ファイルです（ファイル名は application/pdf を示しています）",
            "The attachment invoice.pdf is really an executable program, not what its name says (application/pdf)"});
        e.put("attachment.encrypted", new Object[] {
            f("attachment.encrypted", "attachment", "attachment:見積書.zip", "encrypted: ZIP (ZipCrypto) (password-protected attachments cannot be inspected)"),
            "添付ファイル 見積書.zip はパスワードで暗号化されていて、中身を検査できません（ZIP (ZipCrypto)）",
            "The attachment 見積書.zip is protected by a password, so its content cannot be checked (ZIP (ZipCrypto))"});
        e.put("attachment.macro", new Object[] {
            f("attachment.macro", "attachment", "attachment:集計.xlsm", "Office macros: vbaProject.bin"),
            "添付ファイル 集計.xlsm はマクロを含んでいます", "The attachment 集計.xlsm contains Office macros"});
        e.put("attachment.disk-image", new Object[] {
            f("attachment.disk-image", "attachment", "attachment:setup.iso", "disk image: ISO 9660"),
            "添付ファイル setup.iso はディスクイメージ（ISO 9660）です。中のファイルはメールで送るべきではありません",
            "The attachment setup.iso is a disk image (ISO 9660); files inside one should not go by mail"});
        e.put("attachment.limit", new Object[] {
            f("attachment.limit", "attachment", "attachment:big.pdf", "size 31457280 bytes is over the limit of 20971520"),
            "添付ファイル big.pdf の大きさ（30.0 MB）が上限の 20.0 MB を超えています",
            "The attachment big.pdf (30.0 MB) is larger than the limit of 20.0 MB"});
        e.put("inspection.failed", new Object[] {
            f("inspection.failed", "uninspectable", "message", "the content could not be read: damaged or unreadable content"),
            "このメールを検査できませんでした（理由: the content could not be read: damaged or unreadable content）",
            "The mail could not be checked (the content could not be read: damaged or unreadable content)"});
        e.put("inspection.corrupt", new Object[] {
            f("inspection.corrupt", "uninspectable", "attachment:見積.rar", "could not inspect: RAR 5: truncated file"),
            "添付ファイル 見積.rar は壊れているか読めない形式のため、検査できませんでした（理由: could not inspect: RAR 5: truncated file）",
            "The attachment 見積.rar is damaged or unreadable and could not be checked (could not inspect: RAR 5: truncated file)"});
        e.put("inspection.unsupported", new Object[] {
            f("inspection.unsupported", "uninspectable", "attachment:fwd.eml!/attachment:kakaku.lzh",
                "could not inspect: files of type application/x-lharc are not read (only text, documents, mails and ZIP, 7z, tar"
                    + " or gzip archives are), so a person has to check it"),
            "添付ファイル fwd.eml の添付ファイル kakaku.lzh は Sendguard が中身を読めない形式（application/x-lharc）のため、人の確認が必要です",
            "The attachment kakaku.lzh in the attachment fwd.eml is a kind of file Sendguard cannot read (application/x-lharc),"
                + " so a person has to check it"});
        e.put("inspection.limit", new Object[] {
            f("inspection.limit", "uninspectable", "attachment:bomb.zip", "expands far beyond its size (zip bomb?)"),
            "添付ファイル bomb.zip は検査の上限（大きさ・入れ子の深さ・ファイル数など）を超えたため、すべては検査できませんでした（理由: expands far beyond its size (zip bomb?)）",
            "The attachment bomb.zip is over an inspection limit (size, nesting, number of files) and could not be checked in full"
                + " (expands far beyond its size (zip bomb?))"});
        e.put("inspection.encrypted", new Object[] {
            f("inspection.encrypted", "uninspectable", "attachment:secret.pdf", "encrypted content (password-protected)"),
            "添付ファイル secret.pdf は暗号化されているため、中身を検査できませんでした（理由: encrypted content (password-protected)）",
            "The attachment secret.pdf is encrypted, so its content could not be checked (encrypted content (password-protected))"});
        e.put("inspection.timeout", new Object[] {
            f("inspection.timeout", "uninspectable", "message", "the inspection time limit ran out"),
            "検査が制限時間内に終わらず、すべては検査できませんでした（理由: the inspection time limit ran out）",
            "The inspection ran out of time and could not check everything (the inspection time limit ran out)"});
        e.put("ppap.password-mail", new Object[] {
            f("ppap.password-mail", "ppap", "body", "PPAP: this mail seems to hand over the password of the encrypted attachment sent"
                + " 3 min earlier to the same recipient(s), \"見積書の送付\" (attachment:見積書.zip): パスワード:****"),
            "本文に、3 分前に同じ宛先へ送ったメール「見積書の送付」の暗号化ファイル（添付ファイル 見積書.zip）のパスワードが書かれているようです（PPAP）: パスワード:****",
            "The body seems to give the password of the encrypted file (the attachment 見積書.zip) of the mail \"見積書の送付\" sent"
                + " 3 min earlier to the same recipients (PPAP): パスワード:****"});
        e.put("personal-data.my-number", new Object[] {
            f("personal-data.my-number", "personal-data", "body:text/plain", "1 distinct (confidence up to high): **** **** 9018"),
            "本文にマイナンバー（個人番号）が 1 件あります（例: **** **** 9018）",
            "The body contains 1 My Number (個人番号) (e.g. **** **** 9018)"});
        e.put("personal-data.corporate-number", new Object[] {
            f("personal-data.corporate-number", "personal-data", "subject", "2 distinct (confidence up to medium): *********0001, *********0002"),
            "件名に法人番号が 2 件あります（例: *********0001, *********0002）",
            "The subject contains 2 corporate numbers (法人番号) (e.g. *********0001, *********0002)"});
        e.put("personal-data.card", new Object[] {
            f("personal-data.card", "personal-data", "attachment:顧客.xlsx", "12 distinct (confidence up to high): 4111 **** **** 1111, 5555 **** **** 4444, 3566 **** **** 0505, …"),
            "添付ファイル 顧客.xlsx にクレジットカード番号が 12 件あります（例: 4111 **** **** 1111, 5555 **** **** 4444, 3566 **** **** 0505, …）",
            "The attachment 顧客.xlsx contains 12 payment card numbers (e.g. 4111 **** **** 1111, 5555 **** **** 4444, 3566 **** **** 0505, …)"});
        e.put("personal-data.phone", new Object[] {
            f("personal-data.phone", "personal-data", "body:text/plain (+2 more)", "5 distinct (confidence up to medium): 090-****-5678"),
            "本文ほか 2 か所に電話番号が 5 件あります（例: 090-****-5678）",
            "The body (and 2 more places) contains 5 phone numbers (e.g. 090-****-5678)"});
        e.put("personal-data.address", new Object[] {
            f("personal-data.address", "personal-data", "attachment-name:名簿.csv", "1 distinct (confidence up to high): 〒100-****"),
            "添付ファイル名 名簿.csv に住所が 1 件あります（例: 〒100-****）",
            "The name of the attachment 名簿.csv contains 1 postal address (e.g. 〒100-****)"});
        e.put("personal-data.email-list", new Object[] {
            f("personal-data.email-list", "personal-data", "attachment:list.csv", "100 distinct (confidence up to high): t***@example.com, …"),
            "添付ファイル list.csv にメールアドレスが 100 件あります（例: t***@example.com, …）",
            "The attachment list.csv contains 100 e-mail addresses (e.g. t***@example.com, …)"});
        e.put("personal-data.bank-account", new Object[] {
            f("personal-data.bank-account", "personal-data", "body:text/html", "1 distinct (confidence up to medium): ***4567"),
            "本文（HTML）に銀行口座番号が 1 件あります（例: ***4567）",
            "The HTML body contains 1 bank account number (e.g. ***4567)"});
        return e;
    }

    @Test
    void describeShouldSayEveryBuiltInRuleInWordsInBothLanguages() {
        Map<String, Object[]> examples = examples();

        assertThat(examples.keySet()).as("an example per built-in rule id").containsExactlyInAnyOrderElementsOf(FindingWords.RULE_IDS);
        for (Object[] example : examples.values()) {
            Finding finding = (Finding) example[0];
            assertThat(JA.describe(finding)).as(finding.ruleId() + " (ja)").isEqualTo(example[1]);
            assertThat(EN.describe(finding)).as(finding.ruleId() + " (en)").isEqualTo(example[2]);
        }
    }

    @Test
    void describeShouldStillNameTheRuleAndPlaceWhenAnExcerptIsNotInTheExpectedForm() {
        for (String ruleId : FindingWords.RULE_IDS) {
            Finding odd = f(ruleId, ruleId.substring(0, ruleId.indexOf('.')), "attachment:x.bin", "???");

            assertThat(JA.describe(odd)).as(ruleId).isNotBlank().doesNotContain("null");
            assertThat(EN.describe(odd)).as(ruleId).isNotBlank().doesNotContain("null");
        }
        assertThat(JA.describe(f("recipients.first-time-address", "recipients", "domain:partner.example", "")))
            .isEqualTo("partner.example に初めて送る宛先があります");
        assertThat(EN.describe(f("attachment.limit", "attachment", "message", "mail size 2048 bytes is over the limit of 1024")))
            .isEqualTo("The mail (2 KB) is larger than the limit of 1 KB");
        assertThat(JA.describe(f("attachment.limit", "attachment", "message", "31 attachments, over the limit of 30")))
            .isEqualTo("添付ファイルが 31 個あり、上限の 30 個を超えています");
    }

    @Test
    void keywordFindingsShouldBeDescribedByTheirCategoryWithTheMaskedExcerpt() {
        Finding confidential = f("keyword.confidential", "confidential", "body:text/plain", "…この資料は社外秘です…");
        Finding sensitive = f("keyword.sensitive", "sensitive", "subject", "機密 ×2");
        Finding custom = f("acme.project", "project-x", "attachment:a.zip!/docs/plan.docx", "Project X");

        assertThat(JA.describe(confidential)).isEqualTo("本文に社外秘・極秘などの表示があります: 「…この資料は社外秘です…」");
        assertThat(EN.describe(confidential)).isEqualTo("The body carries a confidentiality marking: \"…この資料は社外秘です…\"");
        assertThat(JA.describe(sensitive)).isEqualTo("件名に確認が必要な語句（機密など）があります（2 か所）: 「機密」");
        assertThat(EN.describe(sensitive)).isEqualTo("The subject contains a word that needs a second look (2 times): \"機密\"");
        assertThat(JA.describe(custom)).isEqualTo("添付ファイル a.zip 内の docs/plan.docx に「project-x」に当たる語句があります: 「Project X」");
        assertThat(EN.describe(custom))
            .isEqualTo("The file docs/plan.docx in the attachment a.zip contains a word of the list \"project-x\": \"Project X\"");
    }

    @Test
    void anUnknownRuleOfABuiltInCategoryShouldGetAPlainSentenceNeverAnError() {
        Finding unknown = f("attachment.something-new", "attachment", "attachment:a.pdf", "<b>odd</b>");

        assertThat(JA.describe(unknown)).isEqualTo("添付ファイル a.pdf に確認が必要な点があります（<b>odd</b>）");
        assertThat(EN.describe(unknown)).isEqualTo("Something in the attachment a.pdf needs a check (<b>odd</b>)");
        assertThat(FindingWords.isBuiltInRule("attachment.something-new")).isFalse();
    }

    @Test
    void detailShouldGiveTheRuleCodeAndSeverityForAdmins() {
        Finding finding = Finding.of("recipients.first-time-domain", "recipients", Severity.LOW, "domain:partner.example", "");

        assertThat(JA.detail(finding)).isEqualTo("（詳細: recipients.first-time-domain, low）");
        assertThat(EN.detail(finding)).isEqualTo("(details: recipients.first-time-domain, low)");
    }

    @Test
    void reasonShouldNameEverySuppressionReason() {
        for (SuppressionReason reason : SuppressionReason.values()) {
            assertThat(JA.reason(reason)).isNotBlank();
            assertThat(EN.reason(reason)).isNotBlank();
        }
        assertThat(JA.reason(SuppressionReason.UNSUBSCRIBED)).isEqualTo("配信停止（退会）");
        assertThat(EN.reason(SuppressionReason.LISTED)).isEqualTo("on the suppression list");
    }

    @Test
    void forLanguageShouldRefuseALanguageItHasNoWordsFor() {
        assertThatThrownBy(() -> FindingWords.forLanguage("both")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("both");
    }
}
