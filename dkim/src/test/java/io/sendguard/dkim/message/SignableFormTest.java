package io.sendguard.dkim.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SignableFormTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String form(String message) throws MalformedMessageException {
        return new String(SignableForm.of(bytes(message)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void ofShouldReturnTheSameArrayWhenNothingIsOdd() throws Exception {
        byte[] message = bytes("From: a@example.com\r\nSubject: x\r\n\tfolded\r\n\r\nbody\r\n");

        assertThat(SignableForm.of(message)).isSameAs(message);
    }

    @Test
    void ofShouldRemoveWhitespaceBeforeTheColonWhenTheNameUsesObsoleteSyntax() throws Exception {
        assertThat(form("Subject : x\r\nTo\t:b@example.com\r\n\r\nbody\r\n"))
            .isEqualTo("Subject: x\r\nTo:b@example.com\r\n\r\nbody\r\n");
    }

    @Test
    void ofShouldDropContinuationLinesOfOnlyWhitespaceWhenFolded() throws Exception {
        assertThat(form("Subject: a\r\n \r\n\t\r\n b\r\n\r\nbody\r\n")).isEqualTo("Subject: a\r\n b\r\n\r\nbody\r\n");
    }

    @Test
    void ofShouldTurnBareLineEndsIntoCrlfWhenTheMessageUsesThem() throws Exception {
        assertThat(form("From: a@example.com\nSubject: x\n\nline1\nline2\rline3\r\n"))
            .isEqualTo("From: a@example.com\r\nSubject: x\r\n\r\nline1\r\nline2\r\nline3\r\n");
    }

    @Test
    void ofShouldReplaceABareCrInsideAHeaderValueBySpaceWhenFound() throws Exception {
        assertThat(form("Subject: a\rb\r\n\r\nbody")).isEqualTo("Subject: a b\r\n\r\nbody");
    }

    @Test
    void ofShouldKeepUnusualButValidNameCharactersAndTabsWhenPresent() throws Exception {
        String message = "X-Odd!#$%&'*+-.^_`|~: v\r\nSubject:\tx\t y\r\n\r\n";

        assertThat(form(message)).isEqualTo(message);
    }

    @Test
    void ofShouldRefuseWhenAFieldNameHasCharactersOutsideFtext() {
        assertThatThrownBy(() -> SignableForm.of(bytes("X-\u00dcml: x\r\n\r\nbody"))).isInstanceOf(MalformedMessageException.class)
            .hasMessageContaining("ftext");
        assertThatThrownBy(() -> SignableForm.of(bytes("X Space: x\r\n\r\nbody"))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void ofShouldRefuseWhenALineIsNeitherAFieldNorAContinuation() {
        assertThatThrownBy(() -> SignableForm.of(bytes("Subject\r\n : x\r\n\r\nbody"))).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> SignableForm.of(bytes(": x\r\n\r\nbody"))).isInstanceOf(MalformedMessageException.class)
            .hasMessageContaining("empty field name");
        assertThatThrownBy(() -> SignableForm.of(bytes(" x: y\r\n\r\nbody"))).isInstanceOf(MalformedMessageException.class);
    }
}
