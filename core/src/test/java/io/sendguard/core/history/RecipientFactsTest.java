package io.sendguard.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RecipientFactsTest {
    @Test
    void ofShouldGiveTheAddressDomainAndSkeletonOfEachRecipient() {
        assertThat(RecipientFacts.of(List.of("bob@examp1e.com", "carol@examp1e.com")))
            .containsExactly("a:bob@examp1e.com", "d:examp1e.com", "s:example.com", "a:carol@examp1e.com");
    }
}
