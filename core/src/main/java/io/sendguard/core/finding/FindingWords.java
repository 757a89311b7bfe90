package io.sendguard.core.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sendguard.core.suppression.SuppressionReason;

/**
 * Findings in words people read, in Japanese or English: one sentence per finding, the place in words too
 * ({@link PlaceWords}): {@code recipients.first-time-domain} at {@code domain:partner.example} is
 * 「partner.example へは初めての送信です」 / "This is the first mail to partner.example". Numbers and names are
 * taken from the finding's location and its (already masked) excerpt, as the detectors write them; what cannot be
 * read from them is left out, never guessed. A keyword rule (ids come from the keyword dictionary) is described by
 * its category, with the masked excerpt; a rule id it does not know gets a plain sentence with the place and the
 * excerpt. Never throws. The words are plain text: the caller escapes them for HTML. Thread-safe (immutable).
 */
public final class FindingWords {
    /** The rule ids of Sendguard's own detectors that have their own sentence. */
    public static final Set<String> RULE_IDS = Set.of(
        "recipients.first-time-domain", "recipients.first-time-address", "recipients.lookalike-domain",
        "recipients.many-external", "recipients.blocked-domain", "recipients.suppressed",
        "recipients.converted-to-bcc", "recipients.split",
        "attachment.blocked-type", "attachment.type-mismatch", "attachment.encrypted", "attachment.macro",
        "attachment.disk-image", "attachment.limit",
        "inspection.failed", "inspection.corrupt", "inspection.unsupported", "inspection.limit",
        "inspection.encrypted", "inspection.timeout",
        "ppap.password-mail",
        "personal-data.my-number", "personal-data.corporate-number", "personal-data.card", "personal-data.phone",
        "personal-data.address", "personal-data.email-list", "personal-data.bank-account");
    /** Categories of Sendguard's own detectors: a finding of any other category comes from the keyword dictionary. */
    private static final Set<String> BUILT_IN_CATEGORIES = Set.of("recipients", "blocked-recipient", "attachment",
        "uninspectable", "personal-data", "ppap");

    private static final Pattern COUNT = Pattern.compile("^(\\d+) ");
    private static final Pattern DISTINCT = Pattern.compile("^(\\d+) distinct \\([^)]*\\): (.*)$");
    private static final Pattern LOOKALIKE = Pattern.compile("^(\\S+) looks like (.+?) \\((look-alike characters|(\\d+) edits?)\\)$");
    private static final Pattern MANY = Pattern.compile("^(\\d+) external recipients? in (\\d+) domains? \\(more than (\\d+) external (recipients|domains)\\)$");
    private static final Pattern HIDDEN = Pattern.compile("(\\d+) external recipients? in (\\d+) domains? hidden");
    private static final Pattern COPIES = Pattern.compile("^(\\d+) cop(?:y|ies), one per external recipient");
    private static final Pattern SUPPRESSED = Pattern.compile("^(\\d+) suppressed recipients? removed \\((.*)\\)$");
    private static final Pattern TYPE_NOT_ALLOWED = Pattern.compile("^type (.+) is not allowed$");
    private static final Pattern MISMATCH = Pattern.compile("^content is (.+?) but the name says (.+)$");
    private static final Pattern ENCRYPTED = Pattern.compile("^encrypted: (.*?)(?: \\(password-protected attachments cannot be inspected\\))?$");
    private static final Pattern MAIL_SIZE = Pattern.compile("^mail size (\\d+) bytes is over the limit of (\\d+)$");
    private static final Pattern SIZE = Pattern.compile("^size (\\d+) bytes is over the limit of (\\d+)$");
    private static final Pattern ATTACHMENTS = Pattern.compile("^(\\d+) attachments, over the limit of (\\d+)$");
    private static final Pattern UNSUPPORTED_TYPE = Pattern.compile("files of type (\\S+) are not read");
    private static final Pattern PPAP = Pattern.compile("sent (less than a minute|(\\d+) min) earlier to the same recipient\\(s\\), "
        + "\"(.*)\" \\((.*)\\): (.*)$", Pattern.DOTALL);
    private static final Pattern TIMES = Pattern.compile("^(.*) ×(\\d+)$", Pattern.DOTALL);

    private final boolean ja;

    private FindingWords(boolean ja) {
        this.ja = ja;
    }

    /**
     * @param language {@code ja} or {@code en}
     * @throws IllegalArgumentException for any other language
     */
    public static FindingWords forLanguage(String language) {
        String l = language == null ? "" : language.trim().toLowerCase(Locale.ROOT);
        if (l.equals("ja")) {
            return new FindingWords(true);
        }
        if (l.equals("en")) {
            return new FindingWords(false);
        }
        throw new IllegalArgumentException("no words for language '" + language + "': expected ja or en");
    }

    /** Whether a rule id is one of Sendguard's own, with its own sentence (keyword rules are not). */
    public static boolean isBuiltInRule(String ruleId) {
        return RULE_IDS.contains(ruleId);
    }

    /** One sentence saying what was found and where. Never throws. */
    public String describe(Finding f) {
        try {
            return sentence(f);
        } catch (RuntimeException e) {
            return generic(f);
        }
    }

    /**
     * The detail for admins after the sentence: 「（詳細: recipients.first-time-domain, low）」 /
     * "(details: recipients.first-time-domain, low)".
     */
    public String detail(Finding f) {
        String code = f.ruleId() + ", " + f.severity().name().toLowerCase(Locale.ROOT);
        return ja ? "（詳細: " + code + "）" : "(details: " + code + ")";
    }

    /** Why a recipient must not get mail, in words: 配信停止（退会） / unsubscribed. */
    public String reason(SuppressionReason reason) {
        switch (reason) {
            case UNSUBSCRIBED: return ja ? "配信停止（退会）" : "unsubscribed";
            case BOUNCED: return ja ? "配信不能（宛先エラー）" : "bounced";
            case MANUAL: return ja ? "管理者による送信停止" : "suppressed by an administrator";
            default: return ja ? "送信停止リストに登録" : "on the suppression list";
        }
    }

    private String sentence(Finding f) {
        String id = f.ruleId();
        if (id.startsWith("personal-data.") && RULE_IDS.contains(id)) {
            return personalData(f, id.substring("personal-data.".length()));
        }
        switch (id) {
            case "recipients.first-time-domain": return firstTimeDomain(f);
            case "recipients.first-time-address": return firstTimeAddress(f);
            case "recipients.lookalike-domain": return lookalike(f);
            case "recipients.many-external": return manyExternal(f);
            case "recipients.blocked-domain": return blockedDomain(f);
            case "recipients.suppressed": return suppressed(f);
            case "recipients.converted-to-bcc": return convertedToBcc(f);
            case "recipients.split": return split(f);
            case "attachment.blocked-type": return blockedType(f);
            case "attachment.type-mismatch": return typeMismatch(f);
            case "attachment.encrypted": return encrypted(f);
            case "attachment.macro": return ja ? jaPlace(f).then("はマクロを含んでいます")
                : enPlace(f).capitalized() + " contains Office macros";
            case "attachment.disk-image": return diskImage(f);
            case "attachment.limit": return limit(f);
            case "inspection.failed": return withReason(f, ja ? jaPlace(f).then("を検査できませんでした")
                : enPlace(f).capitalized() + " could not be checked");
            case "inspection.corrupt": return withReason(f, ja ? jaPlace(f).then("は壊れているか読めない形式のため、検査できませんでした")
                : enPlace(f).capitalized() + " is damaged or unreadable and could not be checked");
            case "inspection.unsupported": return unsupported(f);
            case "inspection.limit": return withReason(f, ja ? jaPlace(f).then("は検査の上限（大きさ・入れ子の深さ・ファイル数など）を超えたため、すべては検査できませんでした")
                : enPlace(f).capitalized() + " is over an inspection limit (size, nesting, number of files) and could not be checked in full");
            case "inspection.encrypted": return withReason(f, ja ? jaPlace(f).then("は暗号化されているため、中身を検査できませんでした")
                : enPlace(f).capitalized() + " is encrypted, so its content could not be checked");
            case "inspection.timeout": return withReason(f, ja ? "検査が制限時間内に終わらず、すべては検査できませんでした"
                : "The inspection ran out of time and could not check everything");
            case "ppap.password-mail": return passwordMail(f);
            default:
                return BUILT_IN_CATEGORIES.contains(f.category()) ? generic(f) : keyword(f);
        }
    }

    private PlaceWords.Place jaPlace(Finding f) {
        return PlaceWords.japanese(f.location());
    }

    private PlaceWords.Place enPlace(Finding f) {
        return PlaceWords.english(f.location());
    }

    /** The domain a recipient finding is about: its location {@code domain:x}, else the excerpt's first word. */
    private static String domain(Finding f) {
        if (f.location().startsWith("domain:")) {
            return f.location().substring("domain:".length());
        }
        String[] words = f.excerpt().trim().split("\\s+");
        return words.length > 0 && !words[0].isEmpty() ? words[0] : f.location();
    }

    private String firstTimeDomain(Finding f) {
        String d = domain(f);
        return ja ? d + " へは初めての送信です" : "This is the first mail to " + d;
    }

    private String firstTimeAddress(Finding f) {
        String d = domain(f);
        Matcher n = COUNT.matcher(f.excerpt());
        if (n.find()) {
            int count = Integer.parseInt(n.group(1));
            return ja ? d + " の宛先のうち " + count + " 件は初めて送る相手です"
                : count + " of the addresses at " + d + plural(count, " has", " have") + " never had mail from this sender";
        }
        return ja ? d + " に初めて送る宛先があります" : "Some addresses at " + d + " never had mail from this sender";
    }

    private String lookalike(Finding f) {
        Matcher m = LOOKALIKE.matcher(f.excerpt());
        if (!m.matches()) {
            String d = domain(f);
            return ja ? "宛先ドメイン " + d + " は、よく使うドメインに似ています（打ち間違いや偽装の可能性）"
                : "The recipient domain " + d + " looks like a domain you know (a typo or an imitation?)";
        }
        String how = m.group(4) == null ? (ja ? "紛らわしい文字" : "look-alike characters")
            : (ja ? m.group(4) + " 文字違い" : m.group(4) + plural(Integer.parseInt(m.group(4)), " character", " characters") + " apart");
        return ja ? "宛先ドメイン " + m.group(1) + " は " + m.group(2) + " によく似ています（" + how + "。打ち間違いや偽装の可能性）"
            : "The recipient domain " + m.group(1) + " looks like " + m.group(2) + " (" + how + "; a typo or an imitation?)";
    }

    private String manyExternal(Finding f) {
        Matcher m = MANY.matcher(f.excerpt());
        if (!m.matches()) {
            return ja ? "社外の宛先が多すぎます" : "There are too many external recipients";
        }
        int addresses = Integer.parseInt(m.group(1));
        int domains = Integer.parseInt(m.group(2));
        boolean byDomains = m.group(4).equals("domains");
        return ja ? "社外の宛先が " + addresses + " 件（" + domains + " ドメイン）あり、上限の " + m.group(3)
                + (byDomains ? " ドメイン" : " 件") + "を超えています"
            : addresses + " external recipient" + plural(addresses, "", "s") + " in " + domains + " domain" + plural(domains, "", "s")
                + ", more than the " + m.group(3) + " external " + (byDomains ? "domains" : "recipients") + " allowed";
    }

    private String blockedDomain(Finding f) {
        String d = domain(f);
        return ja ? d + " は送信が禁止されているドメインです" : d + " is a domain no mail may be sent to";
    }

    private String suppressed(Finding f) {
        Matcher m = SUPPRESSED.matcher(f.excerpt());
        if (!m.matches()) {
            return ja ? "送信できない宛先（配信停止など）を削除しました" : "Recipients that must not get mail (unsubscribed, ...) were removed";
        }
        int count = Integer.parseInt(m.group(1));
        List<String> reasons = new ArrayList<>();
        for (String label : m.group(2).split(",\\s*")) {
            reasons.add(reasonWords(label));
        }
        return ja ? "送信できない宛先 " + count + " 件を削除しました（" + String.join("、", reasons) + "）"
            : count + " recipient" + plural(count, " that must not get mail was", "s that must not get mail were")
                + " removed (" + String.join(", ", reasons) + ")";
    }

    private String reasonWords(String label) {
        for (SuppressionReason r : SuppressionReason.values()) {
            if (r.label().equals(label.trim())) {
                return reason(r);
            }
        }
        return label.trim();
    }

    private String convertedToBcc(Finding f) {
        Matcher m = HIDDEN.matcher(f.excerpt());
        if (!m.find()) {
            return ja ? "社外の宛先を Bcc に変えて、受信者どうしで見えないようにしました"
                : "The external recipients were moved to Bcc so that they cannot see each other";
        }
        int addresses = Integer.parseInt(m.group(1));
        int domains = Integer.parseInt(m.group(2));
        return ja ? "社外の宛先 " + addresses + " 件（" + domains + " ドメイン）を Bcc に変えて、受信者どうしで見えないようにしました"
            : addresses + " external recipient" + plural(addresses, "", "s") + " in " + domains + " domain" + plural(domains, "", "s")
                + plural(addresses, " was", " were") + " moved to Bcc so that they cannot see each other";
    }

    private String split(Finding f) {
        Matcher m = COPIES.matcher(f.excerpt());
        if (!m.find()) {
            return ja ? "社外の宛先ごとに 1 通ずつ分けて送ります" : "The mail is sent as one copy per external recipient";
        }
        int copies = Integer.parseInt(m.group(1));
        return ja ? "社外の宛先ごとに 1 通ずつ、" + copies + " 通に分けて送ります"
            : "The mail is sent as " + copies + " cop" + plural(copies, "y", "ies") + ", one per external recipient";
    }

    private String blockedType(Finding f) {
        Matcher m = TYPE_NOT_ALLOWED.matcher(f.excerpt());
        String kind = !m.matches() ? "" : ja ? "（" + typeWords(m.group(1)) + "）" : " (" + typeWords(m.group(1)) + ")";
        return ja ? jaPlace(f).then("は送信できない種類のファイル" + kind + "です")
            : enPlace(f).capitalized() + " is a kind of file that must not be sent" + kind;
    }

    private String typeMismatch(Finding f) {
        Matcher m = MISMATCH.matcher(f.excerpt());
        if (!m.matches()) {
            return ja ? jaPlace(f).then("の中身は、ファイル名が示す種類と違います")
                : enPlace(f).capitalized() + " is not what its name says";
        }
        return ja ? jaPlace(f).then("の中身は" + typeWords(m.group(1)) + "です（ファイル名は " + m.group(2) + " を示しています）")
            : enPlace(f).capitalized() + " is really " + typeWords(m.group(1)) + ", not what its name says (" + m.group(2) + ")";
    }

    private String encrypted(Finding f) {
        Matcher m = ENCRYPTED.matcher(f.excerpt());
        String how = m.matches() && !m.group(1).isBlank() ? (ja ? "（" + m.group(1) + "）" : " (" + m.group(1) + ")") : "";
        return ja ? jaPlace(f).then("はパスワードで暗号化されていて、中身を検査できません" + how)
            : enPlace(f).capitalized() + " is protected by a password, so its content cannot be checked" + how;
    }

    private String diskImage(Finding f) {
        String what = f.excerpt().startsWith("disk image: ") ? f.excerpt().substring("disk image: ".length()) : "";
        String detail = what.isBlank() ? "" : (ja ? "（" + what + "）" : " (" + what + ")");
        return ja ? jaPlace(f).then("はディスクイメージ" + detail + "です。中のファイルはメールで送るべきではありません")
            : enPlace(f).capitalized() + " is a disk image" + detail + "; files inside one should not go by mail";
    }

    private String limit(Finding f) {
        Matcher mail = MAIL_SIZE.matcher(f.excerpt());
        if (mail.matches()) {
            return ja ? "メールの大きさ（" + size(mail.group(1)) + "）が上限の " + size(mail.group(2)) + " を超えています"
                : "The mail (" + size(mail.group(1)) + ") is larger than the limit of " + size(mail.group(2));
        }
        Matcher count = ATTACHMENTS.matcher(f.excerpt());
        if (count.matches()) {
            return ja ? "添付ファイルが " + count.group(1) + " 個あり、上限の " + count.group(2) + " 個を超えています"
                : "The mail has " + count.group(1) + " attachments, more than the limit of " + count.group(2);
        }
        Matcher size = SIZE.matcher(f.excerpt());
        if (size.matches()) {
            return ja ? jaPlace(f).then("の大きさ（" + size(size.group(1)) + "）が上限の " + size(size.group(2)) + " を超えています")
                : enPlace(f).capitalized() + " (" + size(size.group(1)) + ") is larger than the limit of " + size(size.group(2));
        }
        return ja ? jaPlace(f).then("が添付ファイルの上限を超えています") : enPlace(f).capitalized() + " is over an attachment limit";
    }

    private String unsupported(Finding f) {
        Matcher m = UNSUPPORTED_TYPE.matcher(f.excerpt());
        String type = f.excerpt().contains("RAR") ? "RAR" : m.find() ? m.group(1) : "";
        String detail = type.isEmpty() ? "" : (ja ? "（" + type + "）" : " (" + type + ")");
        return ja ? jaPlace(f).then("は Sendguard が中身を読めない形式" + detail + "のため、人の確認が必要です")
            : enPlace(f).capitalized() + " is a kind of file Sendguard cannot read" + detail + ", so a person has to check it";
    }

    private String passwordMail(Finding f) {
        Matcher m = PPAP.matcher(f.excerpt());
        if (!m.find()) {
            return ja ? jaPlace(f).then("に、先に送った暗号化ファイルのパスワードが書かれているようです（PPAP）")
                : enPlace(f).capitalized() + " seems to give the password of an encrypted attachment sent earlier (PPAP)";
        }
        String when = m.group(2) == null ? (ja ? "1 分以内" : "less than a minute") : (ja ? m.group(2) + " 分" : m.group(2) + " min");
        List<String> places = new ArrayList<>();
        for (String location : m.group(4).split(", ")) {
            places.add(ja ? PlaceWords.japanese(location).text : PlaceWords.english(location).text);
        }
        String where = String.join(ja ? "、" : ", ", places);
        return ja ? jaPlace(f).then("に、" + when + "前に同じ宛先へ送ったメール「" + m.group(3) + "」の暗号化ファイル（" + where
                + "）のパスワードが書かれているようです（PPAP）: " + m.group(5))
            : enPlace(f).capitalized() + " seems to give the password of the encrypted file (" + where + ") of the mail \""
                + m.group(3) + "\" sent " + when + " earlier to the same recipients (PPAP): " + m.group(5);
    }

    private String personalData(Finding f, String kind) {
        Matcher m = DISTINCT.matcher(f.excerpt());
        String examples = m.matches() ? m.group(2) : "";
        String eg = examples.isBlank() ? "" : (ja ? "（例: " + examples + "）" : " (e.g. " + examples + ")");
        if (!m.matches()) {
            return ja ? jaPlace(f).then("に" + kindJa(kind) + "があります")
                : enPlace(f).capitalized() + " contains " + kindEn(kind, 2);
        }
        int count = Integer.parseInt(m.group(1));
        return ja ? jaPlace(f).then("に" + kindJa(kind) + "が " + count + " 件あります" + eg)
            : enPlace(f).capitalized() + " contains " + count + " " + kindEn(kind, count) + eg;
    }

    private static String kindJa(String kind) {
        switch (kind) {
            case "my-number": return "マイナンバー（個人番号）";
            case "corporate-number": return "法人番号";
            case "card": return "クレジットカード番号";
            case "phone": return "電話番号";
            case "address": return "住所";
            case "email-list": return "メールアドレス";
            case "bank-account": return "銀行口座番号";
            default: return "個人情報";
        }
    }

    private static String kindEn(String kind, int count) {
        switch (kind) {
            case "my-number": return plural(count, "My Number", "My Numbers") + " (個人番号)";
            case "corporate-number": return plural(count, "corporate number", "corporate numbers") + " (法人番号)";
            case "card": return plural(count, "payment card number", "payment card numbers");
            case "phone": return plural(count, "phone number", "phone numbers");
            case "address": return plural(count, "postal address", "postal addresses");
            case "email-list": return plural(count, "e-mail address", "e-mail addresses");
            case "bank-account": return plural(count, "bank account number", "bank account numbers");
            default: return "personal data";
        }
    }

    private String keyword(Finding f) {
        String excerpt = f.excerpt();
        String times = "";
        Matcher t = TIMES.matcher(excerpt);
        if (t.matches()) {
            excerpt = t.group(1);
            times = ja ? "（" + t.group(2) + " か所）" : " (" + t.group(2) + " times)";
        }
        String quote = excerpt.isBlank() ? "" : (ja ? ": 「" + excerpt + "」" : ": \"" + excerpt + "\"");
        switch (f.category()) {
            case "confidential":
                return ja ? jaPlace(f).then("に社外秘・極秘などの表示があります" + times + quote)
                    : enPlace(f).capitalized() + " carries a confidentiality marking" + times + quote;
            case "sensitive":
                return ja ? jaPlace(f).then("に確認が必要な語句（機密など）があります" + times + quote)
                    : enPlace(f).capitalized() + " contains a word that needs a second look" + times + quote;
            default:
                return ja ? jaPlace(f).then("に「" + f.category() + "」に当たる語句があります" + times + quote)
                    : enPlace(f).capitalized() + " contains a word of the list \"" + f.category() + "\"" + times + quote;
        }
    }

    private String withReason(Finding f, String sentence) {
        if (f.excerpt().isBlank()) {
            return sentence;
        }
        return ja ? sentence + "（理由: " + f.excerpt() + "）" : sentence + " (" + f.excerpt() + ")";
    }

    private String generic(Finding f) {
        String place;
        try {
            place = ja ? jaPlace(f).then("に") : enPlace(f).text;
        } catch (RuntimeException e) {
            place = ja ? f.location() + " に" : f.location();
        }
        String excerpt = f.excerpt().isBlank() ? "" : (ja ? "（" + f.excerpt() + "）" : " (" + f.excerpt() + ")");
        return ja ? place + "確認が必要な点があります" + excerpt : "Something in " + place + " needs a check" + excerpt;
    }

    /** A media type in words: executables, scripts and Java archives by name, anything else as its type. */
    private String typeWords(String mediaType) {
        String t = mediaType.toLowerCase(Locale.ROOT);
        int semicolon = t.indexOf(';');
        if (semicolon >= 0) {
            t = t.substring(0, semicolon).trim();
        }
        if (t.startsWith("application/x-msdownload") || t.equals("application/x-dosexec") || t.equals("application/vnd.microsoft.portable-executable") || t.equals("application/x-executable")
            || t.equals("application/x-sharedlib") || t.startsWith("application/x-mach-o") || t.equals("application/x-msi")
            || t.equals("application/x-ms-installer") || t.equals("application/x-elf")) {
            return ja ? "実行ファイル" : "an executable program";
        }
        if (t.equals("application/x-sh") || t.equals("application/x-bat") || t.equals("application/x-shellscript")
            || t.equals("text/x-shellscript") || t.equals("application/javascript") || t.equals("text/javascript")
            || t.equals("application/x-vbscript") || t.equals("text/vbscript") || t.equals("application/x-powershell")) {
            return ja ? "スクリプト（" + mediaType + "）" : "a script (" + mediaType + ")";
        }
        if (t.equals("application/java-archive") || t.equals("application/x-java-archive")) {
            return ja ? "Java プログラム（JAR）" : "a Java program (JAR)";
        }
        return ja ? mediaType + " 形式のファイル" : "a file of type " + mediaType;
    }

    private static String size(String bytes) {
        long b = Long.parseLong(bytes);
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return (b + 512) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024.0));
    }

    private static String plural(long count, String one, String many) {
        return count == 1 ? one : many;
    }
}
