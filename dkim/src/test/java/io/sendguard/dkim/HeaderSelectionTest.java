package io.sendguard.dkim;

import io.sendguard.dkim.message.HeaderField;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderSelectionTest {

    private static List<HeaderField> headers(String... raw) {
        return java.util.Arrays.stream(raw).map(HeaderField::of).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void defaultsShouldOverSignRecommendedHeaders() {
        assertThat(HeaderSelection.defaults().overSignedHeaders()).containsExactlyInAnyOrder(
                "from", "to", "cc", "subject", "date", "message-id", "reply-to", "mime-version", "content-type");
        assertThat(HeaderSelection.defaults().signedHeaders()).doesNotContain("received", "return-path", "dkim-signature");
    }

    @Test
    void selectShouldListPresentHeadersThenOverSignedExtraNames() {
        List<HeaderField> message = headers("Received: x", "From: a@example.com", "To: b@example.net",
                "Subject: s", "X-Mailer: m", "DKIM-Signature: v=1");

        HeaderSelection.Selected selected = HeaderSelection.defaults().select(message);

        assertThat(selected.names()).containsExactly("from", "subject", "to",
                "from", "reply-to", "subject", "date", "to", "cc", "message-id", "mime-version", "content-type");
        assertThat(selected.fields()).extracting(HeaderField::raw)
                .containsExactly("From: a@example.com", "Subject: s", "To: b@example.net");
    }

    @Test
    void selectShouldTakeRepeatedHeadersBottomUp() throws Exception {
        HeaderSelection selection = HeaderSelection.of(List.of("from", "comments"), List.of("from"));
        List<HeaderField> message = headers("Comments: first", "From: a@example.com", "Comments: second",
                "COMMENTS: third");

        HeaderSelection.Selected selected = selection.select(message);

        assertThat(selected.names()).containsExactly("from", "comments", "comments", "comments", "from");
        assertThat(selected.fields()).extracting(HeaderField::raw).containsExactly(
                "From: a@example.com", "COMMENTS: third", "Comments: second", "Comments: first");
    }

    @Test
    void ofShouldRequireFrom() {
        assertThatThrownBy(() -> HeaderSelection.of(List.of("subject"), List.of()))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining("From");
    }

    @Test
    void ofShouldRejectDkimSignatureAndInvalidNames() {
        assertThatThrownBy(() -> HeaderSelection.of(List.of("from", "DKIM-Signature"), List.of()))
                .isInstanceOf(DkimConfigurationException.class);
        assertThatThrownBy(() -> HeaderSelection.of(List.of("from", "bad name"), List.of()))
                .isInstanceOf(DkimConfigurationException.class);
        assertThatThrownBy(() -> HeaderSelection.of(List.of("from"), List.of("subject")))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining("subject");
    }

    @Test
    void parseShouldAcceptColonSeparatedList() throws Exception {
        HeaderSelection selection = HeaderSelection.parse("From:To: Subject", "from");

        assertThat(selection.signedHeaders()).containsExactly("from", "to", "subject");
        assertThat(selection.overSignedHeaders()).containsExactly("from");
    }
}
