package io.sendguard.inspection.personal;

import java.util.List;

/**
 * Postal addresses: a Japanese postal code ({@code 〒123-4567}, {@code 123-4567}, {@code 〒1234567}) followed
 * within three characters (spaces, a tab or a CSV comma) by a prefecture name. HIGH confidence with the {@code 〒} mark, MEDIUM without.
 * A postal code alone is no match. Addresses in the sender's signature are marked
 * {@link PersonalDataMatch#inSignature()}. Distinct addresses are told apart by the postal code and the
 * first characters after the prefecture.
 */
public final class PostalAddressDetector implements PersonalDataDetector {
    static final List<String> PREFECTURES = List.of("北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
        "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県",
        "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県",
        "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県",
        "大分県", "宮崎県", "鹿児島県", "沖縄県");

    @Override
    public PersonalDataKind kind() {
        return PersonalDataKind.ADDRESS;
    }

    @Override
    public void detect(SegmentText segment, List<PersonalDataMatch> out) {
        String text = segment.text();
        for (NumberToken t : segment.tokens()) {
            char before = NumberToken.before(text, t.start());
            boolean mark = before == '〒' || (before == ' ' && NumberToken.before(text, t.start() - 1) == '〒');
            boolean shape = t.groupCount() == 2 ? t.group(0) == 3 && t.group(1) == 4 : mark && t.groupCount() == 1 && t.length() == 7;
            if (!shape || t.attached() || t.plus()) {
                continue;
            }
            int at = t.end();
            int limit = Math.min(text.length(), at + 3);
            while (at < limit && (Character.isWhitespace(text.charAt(at)) || text.charAt(at) == '\u3000' || text.charAt(at) == ',')) {
                at++;
            }
            String prefecture = prefectureAt(text, at);
            if (prefecture == null) {
                continue;
            }
            int restEnd = Math.min(text.length(), at + prefecture.length() + 8);
            String value = t.digits() + text.substring(at, restEnd);
            out.add(new PersonalDataMatch(kind(), segment.location(), t.start(), restEnd, value,
                Masking.postalCode(t.digits()) + " " + prefecture, mark ? Confidence.HIGH : Confidence.MEDIUM,
                segment.inSignature(t.start())));
        }
    }

    private static String prefectureAt(String text, int at) {
        for (String p : PREFECTURES) {
            if (text.startsWith(p, at)) {
                return p;
            }
        }
        return null;
    }
}
