package io.sendguard.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.IDN;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LookalikeDomainsTest {
    final LookalikeDomains lookalikes = new LookalikeDomains(2);

    @Test
    void findShouldNameTheKnownDomainWhenOneTranspositionAway() {
        assertThat(lookalikes.find("exmaple.co.jp", List.of("example.co.jp")))
            .hasValueSatisfying(m -> {
                assertThat(m.domain()).isEqualTo("exmaple.co.jp");
                assertThat(m.resembles()).isEqualTo("example.co.jp");
                assertThat(m.edits()).isEqualTo(1);
                assertThat(m.describe()).isEqualTo("exmaple.co.jp looks like example.co.jp (1 edit)");
            });
    }

    @Test
    void findShouldAcceptTwoEditsWhenTheDomainIsLongEnough() {
        assertThat(lookalikes.find("exmaple.cm", List.of("example.com"))).hasValueSatisfying(m -> assertThat(m.edits()).isEqualTo(2));
    }

    @Test
    void findShouldRefuseTwoEditsWhenMaxEditsIsOne() {
        assertThat(new LookalikeDomains(1).find("exmaple.cm", List.of("example.com"))).isEmpty();
    }

    @Test
    void findShouldBeEmptyWhenTheDomainIsKnown() {
        assertThat(lookalikes.find("example.com", List.of("exmaple.com", "example.com"))).isEmpty();
    }

    @Test
    void findShouldBeEmptyWhenTheDomainIsASubdomainOfAKnownOne() {
        assertThat(lookalikes.find("mail.example.com", List.of("example.com"))).isEmpty();
    }

    @Test
    void findShouldMatchASubdomainOfALookAlike() {
        assertThat(lookalikes.find("mail.exmaple.com", List.of("example.com")))
            .hasValueSatisfying(m -> assertThat(m.resembles()).isEqualTo("example.com"));
    }

    @Test
    void findShouldMatchHomoglyphsWithZeroEdits() {
        String cyrillic = IDN.toASCII("ехаmрlе.com");
        assertThat(lookalikes.find(cyrillic, List.of("example.com")))
            .hasValueSatisfying(m -> {
                assertThat(m.edits()).isZero();
                assertThat(m.describe()).isEqualTo("ехаmрlе.com looks like example.com (look-alike characters)");
            });
        assertThat(new LookalikeDomains(0).find("examp1e.com", List.of("example.com"))).isPresent();
    }

    @Test
    void findShouldBeEmptyWhenTheDomainsReallyDiffer() {
        assertThat(lookalikes.find("partner.example", List.of("example.com", "example.co.jp"))).isEmpty();
        assertThat(lookalikes.find("example.co.jp", List.of("example.com"))).isEmpty();
    }

    @Test
    void findShouldIgnoreShortDomainsOneEditApart() {
        assertThat(lookalikes.find("ab.jp", List.of("ac.jp"))).isPresent();
        assertThat(lookalikes.find("a.jp", List.of("b.jp"))).isEmpty();
        assertThat(lookalikes.find("abc.jp", List.of("bca.jp"))).isEmpty();
    }

    @Test
    void findShouldPreferTheClosestKnownDomain() {
        assertThat(lookalikes.find("exmaple.com", List.of("exampel.org", "example.com")))
            .hasValueSatisfying(m -> assertThat(m.resembles()).isEqualTo("example.com"));
    }

    @Test
    void neighboursShouldContainEveryDomainOneEditAway() {
        Set<String> neighbours = lookalikes.neighbours("exmaple.com");

        assertThat(neighbours).contains("example.com", "exmaple.co", "exmaples.com", "exmaple.con")
            .doesNotContain("exmaple.com", "example.org");
        assertThat(neighbours).allSatisfy(n -> assertThat(EditDistance.between(n, "exmaple.com")).isEqualTo(1));
    }

    @Test
    void neighboursShouldBeValidDomainsOnly() {
        assertThat(lookalikes.neighbours("abcde.com")).noneMatch(n -> n.startsWith(".") || n.contains("..") || n.startsWith("-"));
    }

    @Test
    void constructorShouldRefuseMoreThanTwoEdits() {
        assertThatThrownBy(() -> new LookalikeDomains(3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEdits");
    }
}
