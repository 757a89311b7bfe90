package io.sendguard.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DomainNamesTest {

    /** The definition: IDN.toASCII on every name, then one regular expression over the result. */
    private static final Pattern ASCII_DOMAIN = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

    private static Optional<String> reference(String domain) {
        String value = domain.trim();
        if (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty() || value.startsWith("[")) {
            return Optional.empty();
        }
        try {
            String ascii = IDN.toASCII(value, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return ASCII_DOMAIN.matcher(ascii).matches() ? Optional.of(ascii) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Test
    void shouldNormalizeTheUsualForms() {
        assertThat(DomainNames.normalizeDomain("Partner.Example.")).contains("partner.example");
        assertThat(DomainNames.normalizeDomain("ＥＸＡＭＰＬＥ.com")).contains("example.com");
        assertThat(DomainNames.normalizeDomain("bücher.example")).contains("xn--bcher-kva.example");
        assertThat(DomainNames.normalizeDomain("[127.0.0.1]")).isEmpty();
        assertThat(DomainNames.normalizeDomain("a..example")).isEmpty();
        assertThat(DomainNames.normalizeDomain("x".repeat(64) + ".example")).isEmpty();
        assertThat(DomainNames.normalizeAddress("Alice@Example.COM")).contains("alice@example.com");
    }

    @Test
    void shouldAgreeWithIdnAndThePatternOnAnyInput() {
        List<String> inputs = new ArrayList<>(List.of("EXAMPLE.com", "xn--bcher-kva.example", "Bücher.Example",
            "a_b.example", "-a.example", "a-.example", "1.2.3.4", "a.b.", "a.b..", " a ", "a\tb", "ｅｘａｍｐｌｅ.com",
            "example。com", "ex@mple.com", "x".repeat(63) + ".example", "x".repeat(64) + ".example", "[::1]", ".", ""));
        String alphabet = "abcXYZ09-_. .\u00e9\u3002\uff41@[";
        Random random = new Random(7);
        for (int i = 0; i < 20000; i++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add(s.toString());
        }
        for (int i = 0; i < 200; i++) {
            inputs.add("a".repeat(55 + random.nextInt(15)) + "." + "b".repeat(1 + random.nextInt(70)));
        }

        for (String input : inputs) {
            assertThat(DomainNames.normalizeDomain(input)).as("'%s'", input).isEqualTo(reference(input));
        }
    }
}
