package io.sendguard.core.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class FindingCodecTest {
    @Test
    void decodeShouldReturnWhatWasEncodedWhenFieldsHoldSeparatorsAndJapanese() {
        List<Finding> findings = List.of(
            Finding.of("keyword.confidential", "keyword", Severity.HIGH, "attachment:見積\t書.xlsx", "社外秘 100%\r\nok"),
            Finding.of("attachment.blocked-type", "attachment", Severity.CRITICAL, "", ""));

        assertThat(FindingCodec.decode(FindingCodec.encode(findings))).isEqualTo(findings);
    }

    @Test
    void decodeShouldReturnEmptyListWhenInputIsEmptyOrNull() {
        assertThat(FindingCodec.decode("")).isEmpty();
        assertThat(FindingCodec.decode(null)).isEmpty();
    }

    @Test
    void decodeShouldThrowWhenALineHasTooFewFields() {
        assertThatThrownBy(() -> FindingCodec.decode("a\tb\tHIGH\n"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("expected 5 fields");
    }

    @Test
    void parseShouldNameTheBadValueWhenSeverityIsUnknown() {
        assertThatThrownBy(() -> Severity.parse("severe"))
            .hasMessageContaining("'severe'");
    }

    @Test
    void atLeastShouldOrderSeverities() {
        assertThat(Severity.HIGH.atLeast(Severity.MEDIUM)).isTrue();
        assertThat(Severity.LOW.atLeast(Severity.MEDIUM)).isFalse();
    }
}
