package io.sendguard.mailets;

import java.util.List;
import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import io.sendguard.core.content.EmbeddedDocument;

/**
 * Hands the facts of archive entries from the extraction pass ({@link InspectContent}) to the attachment policy
 * ({@link InspectAttachments}) as one string attribute ({@value #NAME}); the policy removes it once judged, so it
 * never travels further with the mail.
 */
final class EmbeddedDocumentsAttribute {
    static final String NAME = "sendguard.embedded-documents";
    private static final AttributeName ATTRIBUTE = AttributeName.of(NAME);

    private EmbeddedDocumentsAttribute() {
    }

    static void write(Mail mail, List<EmbeddedDocument> documents) {
        mail.setAttribute(new Attribute(ATTRIBUTE, AttributeValue.of(EmbeddedDocument.encode(documents))));
    }

    /**
     * The documents, or empty when no extraction pass ran on this mail.
     *
     * @throws IllegalArgumentException when the attribute is not in the expected format
     */
    static Optional<List<EmbeddedDocument>> take(Mail mail) {
        Optional<Object> value = mail.removeAttribute(ATTRIBUTE).map(Attribute::getValue).map(AttributeValue::value);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof String)) {
            throw new IllegalArgumentException(NAME + " is not a string");
        }
        return Optional.of(EmbeddedDocument.decode((String) value.get()));
    }
}
