package io.sendguard.inspection.personal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.sendguard.inspection.extract.TextSegment;

/**
 * Generates labelled mails (as the text segments the extractor would produce) for measuring the
 * personal-data detectors: ordinary business mail in Japanese and English — invoices with amounts, order
 * and invoice numbers, 12-digit tracking numbers, JAN product codes, dates, the sender's bank account for
 * payment, qualified-invoice registration numbers, signatures with phone, fax and a postal address, a few
 * colleagues' addresses — and mails carrying personal data that policy must escalate: customer lists in
 * CSV and pasted into the body, card number lists, labelled My Numbers, employee tables with a 個人番号
 * column, payee account lists. Deterministic for a seed.
 */
final class PersonalDataCorpus {
    /** One generated mail with its label. */
    static final class LabelledMail {
        final String name;
        final boolean personalData;
        final List<TextSegment> segments;

        LabelledMail(String name, boolean personalData, List<TextSegment> segments) {
            this.name = name;
            this.personalData = personalData;
            this.segments = segments;
        }

        @Override
        public String toString() {
            return name + (personalData ? " (personal data)" : " (ordinary)");
        }
    }

    private static final String[] FAMILY = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田"};
    private static final String[] FAMILY_ROMAN = {"sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe", "yamamoto",
        "nakamura", "kobayashi", "kato", "yoshida", "yamada"};
    private static final String[] GIVEN = {"太郎", "花子", "一郎", "美咲", "健太", "陽子", "翔", "さくら"};
    private static final String[] GIVEN_ROMAN = {"taro", "hanako", "ichiro", "misaki", "kenta", "yoko", "sho", "sakura"};
    private static final String[] PREFS = {"東京都", "大阪府", "神奈川県", "愛知県", "福岡県", "北海道", "京都府", "兵庫県"};
    private static final String[] CITIES = {"千代田区丸の内", "北区梅田", "横浜市西区", "名古屋市中区", "福岡市博多区", "札幌市中央区"};
    private static final String[] DOMAINS = {"example.com", "example.jp", "mail.example.net", "corp.example.co.jp"};

    private final Random random;

    PersonalDataCorpus(long seed) {
        this.random = new Random(seed);
    }

    List<LabelledMail> ordinary(int count) {
        List<LabelledMail> mails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (i % 7) {
                case 0: mails.add(invoiceJa(i)); break;
                case 1: mails.add(shippingJa(i)); break;
                case 2: mails.add(orderEn(i)); break;
                case 3: mails.add(meetingJa(i)); break;
                case 4: mails.add(salesCsv(i)); break;
                case 5: mails.add(branchesJa(i)); break;
                default: mails.add(invoiceEn(i)); break;
            }
        }
        return mails;
    }

    List<LabelledMail> personal(int count) {
        List<LabelledMail> mails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (i % 6) {
                case 0: mails.add(customerCsv(i)); break;
                case 1: mails.add(cardList(i)); break;
                case 2: mails.add(labelledMyNumber(i)); break;
                case 3: mails.add(employeeTable(i)); break;
                case 4: mails.add(customerListInBody(i)); break;
                default: mails.add(payeeAccounts(i)); break;
            }
        }
        return mails;
    }

    // ---------------------------------------------------------------- ordinary

    private LabelledMail invoiceJa(int i) {
        StringBuilder b = new StringBuilder();
        b.append(FAMILY[random.nextInt(FAMILY.length)]).append("様\n\nいつもお世話になっております。\n")
            .append(month()).append("分のご請求書をお送りします。\n\n")
            .append("請求番号：INV-").append(2024 + random.nextInt(2)).append('-').append(digits(5)).append('\n')
            .append("注文番号：").append(digits(12)).append('\n')
            .append("ご請求金額：¥").append(amount()).append("（税込）\n")
            .append("お支払期限：").append(date()).append('\n')
            .append("登録番号：T").append(corporateNumber()).append("\n\n")
            .append("【お振込先】\n").append("みずほ銀行 本店 普通 ").append(digits(7)).append("\n口座名義 カ）サンプルショウジ\n\n");
        b.append(signatureJa());
        return new LabelledMail("invoice-ja-" + i, false, List.of(TextSegment.of("body:text/plain", b.toString()),
            TextSegment.of("attachment:請求書.pdf", "請求書\n" + lines(5 + random.nextInt(10), this::invoiceLine) + "合計 ¥" + amount())));
    }

    private LabelledMail shippingJa(int i) {
        StringBuilder b = new StringBuilder("ご注文の商品を発送いたしました。\n\n");
        int parcels = 1 + random.nextInt(15);
        for (int p = 0; p < parcels; p++) {
            b.append("お問い合わせ伝票番号：").append(digits(4)).append('-').append(digits(4)).append('-').append(digits(4))
                .append("  注文番号 ").append(digits(12)).append('\n');
        }
        b.append("配達予定日：").append(date()).append("\n\n").append(signatureJa());
        return new LabelledMail("shipping-ja-" + i, false, List.of(TextSegment.of("body:text/plain", b.toString())));
    }

    private LabelledMail orderEn(int i) {
        String b = "Dear customer,\n\nThank you for your order #" + digits(10) + " placed on " + date() + ".\n"
            + "Total: $" + amount() + "." + digits(2) + " charged to the card ending in " + digits(4) + ".\n"
            + "Tracking number: 1Z" + digits(16) + "\nReference " + digits(16) + "\n\n"
            + "Best regards,\n--\nCustomer Service, Example Corp.\nPhone +81-3-" + digits(4) + "-" + digits(4)
            + "\nsupport@example.com\n";
        return new LabelledMail("order-en-" + i, false, List.of(TextSegment.of("body:text/plain", b)));
    }

    private LabelledMail meetingJa(int i) {
        StringBuilder b = new StringBuilder("各位\n\n定例会議のご案内です。\n日時：").append(date()).append(" 14:00-15:00\n場所：第")
            .append(1 + random.nextInt(9)).append("会議室\n\n出席者：\n");
        int people = 3 + random.nextInt(12);
        for (int p = 0; p < people; p++) {
            b.append(name()).append(" <").append(email()).append(">\n");
        }
        b.append("\n会議の電話番号 03-").append(digits(4)).append('-').append(digits(4)).append(" (会議コード ").append(digits(9)).append(")\n\n");
        b.append(signatureJa());
        return new LabelledMail("meeting-ja-" + i, false, List.of(TextSegment.of("body:text/plain", b.toString())));
    }

    private LabelledMail salesCsv(int i) {
        StringBuilder csv = new StringBuilder("JANコード,商品名,数量,単価,金額,日付\n");
        int rows = 50 + random.nextInt(300);
        for (int r = 0; r < rows; r++) {
            int qty = 1 + random.nextInt(500);
            int price = 100 + random.nextInt(20000);
            csv.append("49").append(digits(11)).append(",商品").append(r).append(',').append(qty).append(',').append(price)
                .append(',').append(qty * price).append(',').append(date()).append('\n');
        }
        return new LabelledMail("sales-csv-" + i, false, List.of(TextSegment.of("body:text/plain", "売上データを送ります。\n" + signatureJa()),
            TextSegment.of("attachment:売上.csv", csv.toString())));
    }

    private LabelledMail branchesJa(int i) {
        StringBuilder b = new StringBuilder("弊社拠点の一覧です。\n\n");
        int branches = 2 + random.nextInt(8);
        for (int p = 0; p < branches; p++) {
            b.append(PREFS[p % PREFS.length]).append("支店\n〒").append(digits(3)).append('-').append(digits(4)).append(' ')
                .append(PREFS[p % PREFS.length]).append(CITIES[random.nextInt(CITIES.length)]).append(1 + random.nextInt(9)).append("-1\n")
                .append("TEL 0").append(1 + random.nextInt(9)).append('-').append(digits(4)).append('-').append(digits(4)).append('\n');
        }
        b.append('\n').append(signatureJa());
        return new LabelledMail("branches-ja-" + i, false, List.of(TextSegment.of("body:text/plain", b.toString())));
    }

    private LabelledMail invoiceEn(int i) {
        String b = "Hello,\n\nPlease find attached invoice " + digits(8) + " for " + month() + ".\nAmount due: JPY " + amount()
            + "\nDue date: " + date() + "\nPlease remit to: Example Bank, Tokyo branch, account no. " + digits(7) + "\n"
            + "PO number " + digits(12) + ", project code " + digits(6) + "\n\n"
            + "Kind regards,\nHanako Suzuki\nExample Trading Co., Ltd.\nTel: +81 3 " + digits(4) + " " + digits(4)
            + "\nMobile: +81 90 " + digits(4) + " " + digits(4) + "\n";
        return new LabelledMail("invoice-en-" + i, false, List.of(TextSegment.of("body:text/plain", b)));
    }

    private String signatureJa() {
        return "----------------------------------------\n株式会社サンプル商事 営業部\n" + name() + "\n〒" + digits(3) + "-" + digits(4) + " "
            + PREFS[random.nextInt(PREFS.length)] + CITIES[random.nextInt(CITIES.length)] + "1-2-3\nTEL: 03-" + digits(4) + "-" + digits(4)
            + "  FAX: 03-" + digits(4) + "-" + digits(4) + "\n携帯: 090-" + digits(4) + "-" + digits(4) + "\n" + email() + "\n";
    }

    private String invoiceLine() {
        return "品目" + digits(3) + "  " + (1 + random.nextInt(20)) + " x ¥" + amount() + "\n";
    }

    // ---------------------------------------------------------------- personal data

    private LabelledMail customerCsv(int i) {
        StringBuilder csv = new StringBuilder("氏名,メールアドレス,電話番号,郵便番号,住所\n");
        int rows = 30 + random.nextInt(170);
        for (int r = 0; r < rows; r++) {
            String pref = PREFS[random.nextInt(PREFS.length)];
            csv.append(name()).append(',').append(email()).append(",0").append(random.nextBoolean() ? "90" : "80").append('-')
                .append(digits(4)).append('-').append(digits(4)).append(",〒").append(digits(3)).append('-').append(digits(4))
                .append(',').append(pref).append(CITIES[random.nextInt(CITIES.length)]).append(r).append("-1\n");
        }
        return new LabelledMail("customer-csv-" + i, true, List.of(TextSegment.of("body:text/plain", "顧客リストです。\n" + signatureJa()),
            TextSegment.of("attachment:customers.csv", csv.toString())));
    }

    private LabelledMail cardList(int i) {
        StringBuilder b = new StringBuilder("会員名\tカード番号\t有効期限\n");
        int rows = 10 + random.nextInt(30);
        for (int r = 0; r < rows; r++) {
            String card = card();
            b.append(name()).append('\t').append(random.nextBoolean() ? group4(card) : card).append('\t')
                .append(1 + random.nextInt(12)).append('/').append(25 + random.nextInt(8)).append('\n');
        }
        return new LabelledMail("card-list-" + i, true, List.of(TextSegment.of("attachment:会員.xlsx", b.toString())));
    }

    private LabelledMail labelledMyNumber(int i) {
        StringBuilder b = new StringBuilder("人事部 御中\n\n扶養控除の書類の件です。\n");
        int people = 1 + random.nextInt(3);
        for (int p = 0; p < people; p++) {
            String n = myNumber();
            String shown = random.nextBoolean() ? n : n.substring(0, 4) + " " + n.substring(4, 8) + " " + n.substring(8);
            b.append(random.nextBoolean() ? "マイナンバー：" : "個人番号 ").append(shown).append("（").append(name()).append("）\n");
        }
        b.append('\n').append(signatureJa());
        return new LabelledMail("my-number-" + i, true, List.of(TextSegment.of("body:text/plain", b.toString())));
    }

    private LabelledMail employeeTable(int i) {
        StringBuilder b = new StringBuilder("社員番号,氏名,所属部署名,入社年月日,個人番号\n");
        int rows = 5 + random.nextInt(45);
        for (int r = 0; r < rows; r++) {
            b.append(digits(6)).append(',').append(name()).append(",営業部第一営業課,").append(date()).append(',').append(myNumber()).append('\n');
        }
        return new LabelledMail("employee-table-" + i, true, List.of(TextSegment.of("attachment:社員.xlsx!/Sheet1", b.toString())));
    }

    private LabelledMail customerListInBody(int i) {
        StringBuilder b = new StringBuilder("Hi,\n\nHere is the list you asked for:\n\nName, Email, Phone\n");
        int rows = 25 + random.nextInt(40);
        for (int r = 0; r < rows; r++) {
            b.append(GIVEN_ROMAN[random.nextInt(GIVEN_ROMAN.length)]).append(' ').append(FAMILY_ROMAN[random.nextInt(FAMILY_ROMAN.length)])
                .append(", ").append(email()).append(", +81-90-").append(digits(4)).append('-').append(digits(4)).append('\n');
        }
        b.append("\nThanks,\n--\nJohn\n");
        return new LabelledMail("customer-body-" + i, true, List.of(TextSegment.of("body:text/plain", b.toString())));
    }

    private LabelledMail payeeAccounts(int i) {
        StringBuilder b = new StringBuilder("振込先口座一覧\n");
        int rows = 10 + random.nextInt(20);
        for (int r = 0; r < rows; r++) {
            b.append(name()).append(" 三井住友銀行 ").append(CITIES[random.nextInt(CITIES.length)]).append("支店 普通 ").append(digits(7)).append('\n');
        }
        return new LabelledMail("payee-accounts-" + i, true, List.of(TextSegment.of("attachment:振込先.csv", b.toString())));
    }

    // ---------------------------------------------------------------- values

    String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** A 12-digit My Number with a valid check digit (computed here independently of the detector). */
    String myNumber() {
        String base = digits(11);
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            sum += (base.charAt(11 - n) - '0') * (n <= 6 ? n + 1 : n - 5);
        }
        int r = sum % 11;
        return base + (r <= 1 ? 0 : 11 - r);
    }

    String corporateNumber() {
        String base = digits(12);
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            sum += (base.charAt(12 - n) - '0') * (n % 2 == 1 ? 1 : 2);
        }
        return (9 - sum % 9) + base;
    }

    /** A Luhn-valid card number of a random issuer. */
    String card() {
        String[] prefixes = {"4", "51", "55", "2221", "3530", "6011"};
        String prefix = prefixes[random.nextInt(prefixes.length)];
        String body = prefix + digits(15 - prefix.length());
        for (int check = 0; check <= 9; check++) {
            if (CheckDigits.luhn(body + check)) {
                return body + check;
            }
        }
        throw new AssertionError();
    }

    private static String group4(String d) {
        return d.substring(0, 4) + " " + d.substring(4, 8) + " " + d.substring(8, 12) + " " + d.substring(12);
    }

    private String name() {
        return FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
    }

    private String email() {
        return GIVEN_ROMAN[random.nextInt(GIVEN_ROMAN.length)] + "." + FAMILY_ROMAN[random.nextInt(FAMILY_ROMAN.length)] + digits(3)
            + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
    }

    private String date() {
        return (2023 + random.nextInt(3)) + "/" + (1 + random.nextInt(12)) + "/" + (1 + random.nextInt(28));
    }

    private String month() {
        return (2023 + random.nextInt(3)) + "年" + (1 + random.nextInt(12)) + "月";
    }

    private String amount() {
        return String.format("%,d", 1000 + random.nextInt(5_000_000));
    }

    private String lines(int n, java.util.function.Supplier<String> line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(line.get());
        }
        return b.toString();
    }
}
