package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.sendguard.inspection.extract.AttachmentNames;

class MimeAttachmentsTest {
    /** {@code depth} multiparts nested in each other, an attachment in the innermost one. */
    static MimeMessage nested(int depth) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(nestedRaw(depth)));
    }

    static byte[] nestedRaw(int depth) {
        StringBuilder head = new StringBuilder("Subject: nested\r\nMIME-Version: 1.0\r\n");
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            head.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
            tail.insert(0, "\r\n--b" + i + "--\r\n");
        }
        head.append("Content-Type: application/pdf; name=deep.pdf\r\n\r\n%PDF-1.4");
        return head.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A message whose structure cannot be read without the error a too-deep recursion throws. */
    static MimeMessage overflowing() {
        return new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public String getContentType() {
                throw new StackOverflowError();
            }
        };
    }

    @Test
    void ofShouldListTheAttachmentsInDocumentOrder() throws Exception {
        String raw = "Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n"
            + "--a\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
            + "--a\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: application/pdf; name=first.pdf\r\n\r\n%PDF\r\n"
            + "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=second.txt\r\n\r\nx\r\n--b--\r\n"
            + "--a\r\nContent-Type: image/png; name=third.png\r\n\r\npng\r\n--a--\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));

        MimeAttachments listing = MimeAttachments.of(message);

        assertThat(listing.parts()).extracting(AttachmentNames::of).containsExactly("first.pdf", "second.txt", "third.png");
        assertThat(listing.tooDeep()).isFalse();
    }

    @Test
    void ofShouldFindAnAttachmentNestedAsDeepAsAllowed() throws Exception {
        MimeAttachments listing = MimeAttachments.of(nested(MimeAttachments.MAX_DEPTH));

        assertThat(listing.parts()).extracting(AttachmentNames::of).containsExactly("deep.pdf");
        assertThat(listing.tooDeep()).isFalse();
    }

    @Test
    void ofShouldStopWithoutOverflowingWhenTenThousandMultipartsAreNested() throws Exception {
        MimeAttachments listing = MimeAttachments.of(nested(10_000));

        assertThat(listing.parts()).isEmpty();
        assertThat(listing.tooDeep()).isTrue();
    }
}
