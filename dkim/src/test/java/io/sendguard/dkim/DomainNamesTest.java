package io.sendguard.dkim;

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

    /** The definition: IDN.toASCII on every name, then a regular expression per label. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");

    private static Optional<String> reference(String domain) {
        String d = domain.trim();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.length() > 253) {
            return Optional.empty();
        }
        try {
            d = IDN.toASCII(d).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (String label : d.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(d);
    }

    @Test
    void shouldNormalizeTheUsualForms() {
        assertThat(DomainNames.normalize(" Mail.Example.COM. ")).contains("mail.example.com");
        assertThat(DomainNames.normalize("bücher.example")).contains("xn--bcher-kva.example");
        assertThat(DomainNames.normalize("例え.テスト")).contains("xn--r8jz45g.xn--zckzah");
        assertThat(DomainNames.normalize("s2026._domainkey.example.com")).contains("s2026._domainkey.example.com");
        assertThat(DomainNames.normalize("a" .repeat(63) + ".example")).isPresent();
    }

    @Test
    void shouldRefuseWhatIsNoDomainName() {
        assertThat(DomainNames.normalize(null)).isEmpty();
        assertThat(DomainNames.normalize("")).isEmpty();
        assertThat(DomainNames.normalize(".")).isEmpty();
        assertThat(DomainNames.normalize("a..example")).isEmpty();
        assertThat(DomainNames.normalize("-a.example")).isEmpty();
        assertThat(DomainNames.normalize("a-.example")).isEmpty();
        assertThat(DomainNames.normalize("exa mple.com")).isEmpty();
        assertThat(DomainNames.normalize("example.com>")).isEmpty();
        assertThat(DomainNames.normalize("a".repeat(64) + ".example")).isEmpty();
        assertThat(DomainNames.normalize("a.".repeat(127) + "ab")).isEmpty();
    }

    @Test
    void shouldAgreeWithIdnAndTheLabelPatternOnAnyInput() {
        List<String> inputs = new ArrayList<>(List.of("EXAMPLE.com", "xn--bcher-kva.example", "Bücher.Example",
            "a_b.example", "_dmarc.example", "a-b-c.example", "1.2.3.4", "a.b.", "a.b..", " a ", "a\tb", "ｅｘａｍｐｌｅ.com",
            "example。com", "ex@mple.com", "a" + "b".repeat(62), "a" + "b".repeat(63)));
        String alphabet = "abcXYZ09-_. .\u00e9\u3002\uff41@";
        Random random = new Random(42);
        for (int i = 0; i < 20000; i++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add(s.toString());
        }

        for (String input : inputs) {
            assertThat(DomainNames.normalize(input)).as("'%s'", input).isEqualTo(reference(input));
        }
    }
}
