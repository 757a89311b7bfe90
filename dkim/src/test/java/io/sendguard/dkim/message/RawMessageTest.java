package io.sendguard.dkim.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawMessageTest {

    @Test
    void parseShouldSplitFoldedHeadersAndBody() throws Exception {
        byte[] msg = "From: a@example.com\r\nSubject: one\r\n two\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

        RawMessage parsed = RawMessage.parse(msg);

        assertThat(parsed.headers()).extracting(HeaderField::raw)
                .containsExactly("From: a@example.com", "Subject: one\r\n two");
        assertThat(new String(msg, parsed.bodyOffset(), parsed.bodyLength(), StandardCharsets.US_ASCII)).isEqualTo("body\r\n");
    }

    @Test
    void parseShouldAcceptMessageWithoutBody() throws Exception {
        RawMessage parsed = RawMessage.parse("From: a@example.com\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(parsed.headers()).hasSize(1);
        assertThat(parsed.bodyLength()).isZero();
    }

    @Test
    void parseShouldRejectLineThatIsNotAHeaderField() {
        assertThatThrownBy(() -> RawMessage.parse("From a@example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("line 1");
    }

    @Test
    void parseShouldRejectLeadingContinuationLine() {
        assertThatThrownBy(() -> RawMessage.parse(" x\r\nFrom: a@b.c\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedMessageException.class);
    }
}
