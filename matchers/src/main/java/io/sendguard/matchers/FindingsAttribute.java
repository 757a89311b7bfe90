package io.sendguard.matchers;

import java.util.ArrayList;
import java.util.List;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.FindingCodec;

/**
 * Reads and appends the findings that travel with a mail, as one string attribute
 * ({@value #NAME}) that every James mail queue can carry.
 */
public final class FindingsAttribute {
    public static final String NAME = "sendguard.findings";
    private static final AttributeName ATTRIBUTE = AttributeName.of(NAME);

    private FindingsAttribute() {
    }

    public static List<Finding> read(Mail mail) {
        return mail.getAttribute(ATTRIBUTE)
            .map(Attribute::getValue)
            .map(AttributeValue::value)
            .filter(String.class::isInstance)
            .map(String.class::cast)
            .map(FindingCodec::decode)
            .orElse(List.of());
    }

    /** Whether the mail carries findings (without decoding them). */
    public static boolean hasFindings(Mail mail) {
        return mail.getAttribute(ATTRIBUTE).isPresent();
    }

    public static void append(Mail mail, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        List<Finding> all = new ArrayList<>(read(mail));
        all.addAll(findings);
        mail.setAttribute(new Attribute(ATTRIBUTE, AttributeValue.of(FindingCodec.encode(all))));
    }
}
