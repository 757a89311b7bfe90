package io.sendguard.benchmarks;

import io.sendguard.inspection.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Reproducible texts and keyword lists for the keyword scan benchmarks (fixed seeds, no external corpus).
 *
 * <ul>
 *   <li>{@code adversarial}: random characters from ~110 kana, kanji and a-z, and keywords of 3-8 characters
 *       drawn from the same alphabet, so almost every position of the text is inside a partial match.</li>
 *   <li>{@code mail}: Japanese business mails made from common phrases, with names, companies, products,
 *       amounts, dates, phone numbers, mail addresses and URLs, one in twenty with a confidentiality marking
 *       (【社外秘】...); the dictionary starts with the usual
 *       confidentiality markings, then generated person, company, product and customer names and codes,
 *       most of which never occur in the text.</li>
 * </ul>
 * Texts and keywords are returned normalized ({@link Normalizer}), as the scanner sees them.
 */
public final class KeywordTexts {
    static final String KANJI = "社外秘極資料見積書契約顧客情報部門会議報告確認送付添付営業企画開発人事経理";
    static final String KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん";

    private static final String[] SURNAMES = words("佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 "
        + "井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 "
        + "青木 坂本 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 "
        + "原 内田 柴田 酒井 宮崎 横山 高木 安藤 宮本 大野 小島 谷口 今井 工藤 高田 増田 丸山 杉山 村田 大塚 新井 小山 "
        + "平野 藤本 河野 上野 野口 武田 松井 千葉 岩崎 菅原 木下 久保 佐野 野村 松尾 市川 菊地 杉本 古川 大西 島田 水野");
    private static final String[] GIVEN = words("太郎 花子 健一 直樹 美咲 陽子 大輔 翔太 由美 誠 裕子 拓也 恵 浩二 明美 達也 "
        + "真由美 剛 智子 健太 さくら 一郎 京子 和也 亮 舞 隆 涼子 修 愛 聡 香織 大樹 彩 悠斗 結衣 蓮 陽菜 翼 七海");
    private static final String[] PLACES = words("東洋 日本 大和 中央 三和 富士 新日本 ヤマト アサヒ サンライズ グローバル テクノ "
        + "ネクスト 北斗 光 青葉 若葉 さくら 未来 東京 大阪 名古屋 横浜 神戸 九州 北海道 関東 湘南 瀬戸内 みらい 丸の内 "
        + "ひかり 明和 共栄 協和 第一 昭和 平成 太平洋 日の出 常盤 朝日 飛鳥 白鳥");
    private static final String[] TRADES = words("商事 工業 製作所 物産 電機 システムズ 興業 建設 化学 精機 ホールディングス "
        + "ソリューションズ 食品 運輸 不動産 印刷 薬品 電子 通信 技研 産業 開発 サービス 物流 商会");
    private static final String[] PRODUCT_HEADS = words("スマート クラウド エコ プレミアム ライト プロ マルチ ハイパー ネオ "
        + "ウルトラ コンパクト ワイド デジタル セキュア クイック");
    private static final String[] PRODUCT_TAILS = words("ボックス ケーブル モニター センサー ユニット パネル キット ステーション "
        + "ドライブ ルーター プリンター ファン チェア デスク カメラ スキャナー バッテリー アダプター");
    private static final String[] LATIN = words("Acme Globex Initech Umbrella Stark Wayne Hooli Vandelay Soylent Tyrell "
        + "Cyberdyne Wonka Aperture Oscorp Nakatomi Gringotts Monarch Pied Piper Dunder Mifflin Massive Dynamic");
    private static final String[] LATIN_TAILS = words("Corp Inc Ltd Group Holdings Systems Partners Labs Trading");
    private static final String[] PROJECTS = words("Phoenix Falcon Orion Atlas Mercury Apollo Gemini Hermes Titan Nova "
        + "Aurora Zephyr Kestrel Sakura Fuji");
    private static final String[] ROMAJI = words("toyo nihon yamato chuo sanwa fuji asahi sunrise global techno next hokuto "
        + "hikari aoba wakaba mirai tokyo osaka nagoya yokohama kobe kyushu");
    private static final String[] MARKINGS = {"社外秘", "部外秘", "極秘", "機密", "取扱注意", "Confidential",
        "Strictly Confidential", "Internal Only", "関係者外秘", "持出禁止"};

    private static final String[] OPENINGS = {
        "いつもお世話になっております。", "お疲れ様です。", "平素より格別のご高配を賜り、厚く御礼申し上げます。",
        "先日はお忙しいところお時間をいただき、誠にありがとうございました。", "突然のご連絡失礼いたします。",
    };
    private static final String[] BODIES = {
        "添付の資料をご確認ください。", "見積書を送付いたしますので、ご査収のほどよろしくお願いいたします。",
        "{date}の会議について、以下の通りご連絡いたします。", "{product}の在庫は{num}個でございます。",
        "納期は{date}を予定しております。", "金額は{amount}円（税込）となります。",
        "詳細は{url}をご覧ください。", "ご不明な点がございましたら、{surname}までお問い合わせください。",
        "{company}様との打ち合わせは{date} {time}からでお願いできますでしょうか。",
        "議事録を共有いたします。修正点があればご指摘ください。", "契約書の内容について法務部に確認中です。",
        "Project {project}の進捗を報告いたします。", "本件、{person}さんにもCCで共有しております。",
        "請求書番号{code}の件、経理部にて確認いたしました。", "次回の定例会は{date}に延期となりました。",
        "お手数ですが、{date}までにご返信いただけますと幸いです。", "品番{code}の仕様書を添付いたします。",
        "Meeting with {latin} on {date}: agenda attached, please review slides 3-7.",
        "The invoice {code} for {amount} JPY was sent to {email} yesterday.",
        "ご提案いただいた{product}の導入について、社内で前向きに検討しております。",
        "先方の{person}様より、仕様変更のご依頼がありました。", "ファイルはパスワード付きで別途お送りします。",
    };
    private static final String[] CLOSINGS = {
        "引き続きよろしくお願いいたします。", "以上、よろしくお願いいたします。", "取り急ぎご連絡まで。",
        "何卒よろしくお願い申し上げます。",
    };

    private KeywordTexts() {
    }

    /** The normalized text of a case: {@code adversarial} or {@code mail}, about {@code chars} characters. */
    public static String text(String kind, int chars) {
        return Normalizer.normalize(rawText(kind, chars)).normalized();
    }

    /** The same before normalization. */
    public static String rawText(String kind, int chars) {
        Random random = new Random(1);
        return kind.equals("adversarial") ? adversarialText(random, chars) : mailText(random, chars);
    }

    /** The first {@code count} normalized keywords of a case's dictionary (10,000 at most). */
    public static List<String> keywords(String kind, int count) {
        Random random = new Random(2);
        Set<String> keywords = new LinkedHashSet<>();
        if (kind.equals("adversarial")) {
            while (keywords.size() < count) {
                keywords.add(normalize(randomWord(random, 3 + random.nextInt(6))));
            }
        } else {
            for (String m : MARKINGS) {
                keywords.add(normalize(m));
            }
            while (keywords.size() < count) {
                keywords.add(normalize(dictionaryEntry(random)));
            }
        }
        return new ArrayList<>(keywords).subList(0, count);
    }

    private static String normalize(String keyword) {
        return Normalizer.normalize(keyword.strip()).normalized().strip();
    }

    /** Mixed Japanese / ASCII random characters (the adversarial text). */
    static String adversarialText(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                sb.append(KANA.charAt(random.nextInt(KANA.length())));
            } else if (kind < 7) {
                sb.append(KANJI.charAt(random.nextInt(KANJI.length())));
            } else if (kind < 9) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else {
                sb.append(random.nextInt(3) == 0 ? "。\n" : " ");
            }
        }
        return sb.toString();
    }

    private static String randomWord(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        boolean ascii = random.nextInt(4) == 0;
        for (int i = 0; i < length; i++) {
            if (ascii) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else {
                String pool = random.nextBoolean() ? KANJI : KANA;
                sb.append(pool.charAt(random.nextInt(pool.length())));
            }
        }
        return sb.toString();
    }

    /** Business mails, one after the other. */
    static String mailText(Random random, int length) {
        StringBuilder sb = new StringBuilder(length + 2_000);
        while (sb.length() < length) {
            String company = company(random);
            String surname = pick(random, SURNAMES);
            sb.append(company).append('\n').append(surname).append("様\n\n");
            sb.append(pick(random, OPENINGS)).append('\n');
            sb.append(company(random)).append("の").append(pick(random, SURNAMES)).append("です。\n\n");
            if (random.nextInt(20) == 0) {
                sb.append("【").append(pick(random, MARKINGS)).append("】本メールおよび添付資料の取り扱いにご注意ください。\n");
            }
            int sentences = 3 + random.nextInt(6);
            for (int i = 0; i < sentences; i++) {
                sb.append(fill(random, pick(random, BODIES)));
                sb.append(random.nextInt(3) == 0 ? "\n" : "");
            }
            sb.append("\n\n").append(pick(random, CLOSINGS)).append("\n\n--\n");
            String romaji = pick(random, ROMAJI);
            sb.append(person(random)).append('\n').append(company(random)).append(" 営業部\n");
            sb.append("TEL: 03-").append(1000 + random.nextInt(9000)).append('-').append(1000 + random.nextInt(9000));
            sb.append("\nE-mail: ").append(email(random, romaji)).append("\nURL: https://www.").append(romaji)
                .append(".co.jp/\n\n");
        }
        return sb.toString();
    }

    private static String fill(Random random, String template) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                sb.append(template, i, template.length());
                break;
            }
            sb.append(template, i, open);
            int close = template.indexOf('}', open);
            sb.append(placeholder(random, template.substring(open + 1, close)));
            i = close + 1;
        }
        return sb.toString();
    }

    private static String placeholder(Random random, String name) {
        switch (name) {
            case "date":
                return (1 + random.nextInt(12)) + "月" + (1 + random.nextInt(28)) + "日";
            case "time":
                return (9 + random.nextInt(9)) + ":" + (random.nextBoolean() ? "00" : "30");
            case "num":
                return String.valueOf(random.nextInt(1000));
            case "amount":
                return String.format("%,d", 1000 * (1 + random.nextInt(5000)));
            case "product":
                return product(random);
            case "company":
                return company(random);
            case "surname":
                return pick(random, SURNAMES);
            case "person":
                return person(random);
            case "project":
                return pick(random, PROJECTS);
            case "latin":
                return pick(random, LATIN) + " " + pick(random, LATIN_TAILS);
            case "code":
                return code(random);
            case "email":
                return email(random, pick(random, ROMAJI));
            case "url":
                return "https://www." + pick(random, ROMAJI) + ".co.jp/products/" + random.nextInt(10_000) + ".html";
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** A person, company, product, customer or project name, or a code. */
    private static String dictionaryEntry(Random random) {
        int kind = random.nextInt(20);
        if (kind < 7) {
            // given names partly shared with the text's
            return pick(random, SURNAMES) + GIVEN[20 + random.nextInt(GIVEN.length - 20)];
        } else if (kind < 13) {
            // customer companies: mostly longer names than the text's, one in ten as the text writes them
            if (random.nextInt(10) == 0) {
                return company(random);
            }
            String name = pick(random, PLACES) + pick(random, PLACES) + pick(random, TRADES);
            return random.nextBoolean() ? "株式会社" + name : name + "株式会社";
        } else if (kind < 17) {
            return product(random);
        } else if (kind < 18) {
            return pick(random, LATIN) + " " + pick(random, LATIN_TAILS);
        } else if (kind < 19) {
            return "Project " + pick(random, PROJECTS) + " " + (char) ('A' + random.nextInt(26)) + random.nextInt(100);
        }
        return code(random);
    }

    private static String person(Random random) {
        return pick(random, SURNAMES) + (random.nextBoolean() ? " " : "") + GIVEN[random.nextInt(30)];
    }

    private static String company(Random random) {
        String name = pick(random, PLACES) + pick(random, TRADES);
        return random.nextBoolean() ? "株式会社" + name : name + "株式会社";
    }

    private static String product(Random random) {
        return pick(random, PRODUCT_HEADS) + pick(random, PRODUCT_TAILS) + " " + (char) ('A' + random.nextInt(26))
            + (100 + random.nextInt(900));
    }

    private static String code(Random random) {
        return (random.nextBoolean() ? "INV-" : "CUST-") + (10_000 + random.nextInt(90_000));
    }

    private static String email(Random random, String domain) {
        return (char) ('a' + random.nextInt(26)) + "." + pick(random, ROMAJI) + "@" + domain + ".co.jp";
    }

    private static String pick(Random random, String[] pool) {
        return pool[random.nextInt(pool.length)];
    }

    private static String[] words(String s) {
        return s.split(" ");
    }
}
