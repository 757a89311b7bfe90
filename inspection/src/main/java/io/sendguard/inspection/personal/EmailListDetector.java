package io.sendguard.inspection.personal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lists of e-mail addresses: when a segment holds at least {@code minAddresses} distinct addresses (a
 * customer list pasted into a body, a CSV or spreadsheet column), each distinct address is a match with
 * HIGH confidence; fewer addresses (signatures, a few contacts) are no match.
 */
public final class EmailListDetector implements PersonalDataDetector {
    private final int minAddresses;

    public EmailListDetector(int minAddresses) {
        if (minAddresses < 1) {
            throw new IllegalArgumentException("minAddresses must be at least 1");
        }
        this.minAddresses = minAddresses;
    }

    @Override
    public PersonalDataKind kind() {
        return PersonalDataKind.EMAIL_LIST;
    }

    @Override
    public void detect(SegmentText segment, List<PersonalDataMatch> out) {
        String text = segment.text();
        Map<String, int[]> distinct = new LinkedHashMap<>();
        int at = text.indexOf('@');
        while (at >= 0) {
            int start = at;
            while (start > 0 && isLocalChar(text.charAt(start - 1))) {
                start--;
            }
            int end = at + 1;
            while (end < text.length() && isDomainChar(text.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            if (start < at && validDomain(text, at + 1, end)) {
                distinct.putIfAbsent(text.substring(start, end).toLowerCase(Locale.ROOT), new int[] {start, end});
            }
            at = text.indexOf('@', Math.max(end, at + 1));
        }
        if (distinct.size() < minAddresses) {
            return;
        }
        List<PersonalDataMatch> matches = new ArrayList<>(distinct.size());
        for (Map.Entry<String, int[]> e : distinct.entrySet()) {
            matches.add(new PersonalDataMatch(kind(), segment.location(), e.getValue()[0], e.getValue()[1], e.getKey(),
                Masking.email(e.getKey()), Confidence.HIGH, false));
        }
        out.addAll(matches);
    }

    private static boolean isLocalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
    }

    private static boolean isDomainChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    private static boolean validDomain(String text, int start, int end) {
        int dot = text.lastIndexOf('.', end - 1);
        if (dot <= start || end - dot - 1 < 2) {
            return false;
        }
        for (int i = dot + 1; i < end; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
