package io.sendguard.inspection.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class BodyTextTest {
    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    @Test
    void ofShouldReadTheTextPartsButNotTheAttachments() throws Exception {
        byte[] raw = new Fixtures.RawMail()
            .textPart("text/plain; charset=ISO-2022-JP", "パスワード：Abc12345".getBytes("ISO-2022-JP"))
            .attachment("text/plain", "filename=\"notes.txt\"", "attachment text".getBytes(StandardCharsets.UTF_8))
            .build();

        assertThat(BodyText.of(parse(raw), 1000)).isEqualTo("パスワード：Abc12345");
    }

    @Test
    void ofShouldTakeOnlyThePlainAlternativeWhenHtmlIsOfferedToo() throws Exception {
        String raw = "Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n"
            + "--a\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nplain body\r\n"
            + "--a\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>html body</p>\r\n--a--\r\n";

        assertThat(BodyText.of(parse(raw.getBytes(StandardCharsets.UTF_8)), 1000).trim()).isEqualTo("plain body");
    }

    @Test
    void ofShouldReturnNullWhenTheTextIsLongerThanAsked() throws Exception {
        byte[] raw = new Fixtures.RawMail().body("text/plain; charset=UTF-8", "あ".repeat(200).getBytes(StandardCharsets.UTF_8)).build();

        assertThat(BodyText.of(parse(raw), 100)).isNull();
        assertThat(BodyText.of(parse(raw), 200)).hasSize(200);
    }

    @Test
    void ofShouldNotOverflowTheStackOnTenThousandNestedMultiparts() throws Exception {
        MimeMessage deep = parse(Fixtures.nestedMultiparts(10_000, "パスワード：Abc12345"));

        assertThat(BodyText.of(deep, 1000)).isEmpty(); // deeper than any password mail: not read
    }

    @Test
    void ofShouldReadTheTextOfNestedMultipartsWithinItsDepth() throws Exception {
        MimeMessage nested = parse(Fixtures.nestedMultiparts(BodyText.MAX_DEPTH, "パスワード：Abc12345"));

        assertThat(BodyText.of(nested, 1000)).isEqualTo("パスワード：Abc12345");
    }
}
