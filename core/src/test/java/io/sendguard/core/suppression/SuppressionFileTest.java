package io.sendguard.core.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SuppressionFileTest {
    @Test
    void parseShouldReadAddressesAndDomainsSkippingComments() {
        String content = "\uFEFF# 退会者\n"
            + "Bob@Partner.Example\n"
            + "\n"
            + "   @Unsubscribed.Example   # whole domain\n"
            + "carol@例え.jp\r\n"
            + "bob@partner.example\n";

        assertThat(SuppressionFile.parse(content, "conf/sendguard-suppression.txt"))
            .containsExactly("bob@partner.example", "@unsubscribed.example", "carol@xn--r8jz45g.jp");
    }

    @Test
    void parseShouldNameTheFileAndLineWhenALineIsNotAnAddress() {
        assertThatThrownBy(() -> SuppressionFile.parse("a@b.example\n# ok\nnot-an-address\n", "conf/s.txt"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("conf/s.txt line 3")
            .hasMessageNotContaining("not-an-address");
    }

    @Test
    void parseShouldNameTheLineWhenTwoEntriesShareALine() {
        assertThatThrownBy(() -> SuppressionFile.parse("a@b.example c@d.example\n", "f"))
            .hasMessageContaining("f line 1");
    }

    @Test
    void parseShouldNameTheLineWhenTheDomainIsInvalid() {
        assertThatThrownBy(() -> SuppressionFile.parse("\n@bad..domain\n", "f")).hasMessageContaining("f line 2");
    }
}
