package io.sendguard.matchers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericMatcher;

import io.sendguard.core.failsafe.Failsafe;
import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;

/**
 * Matches (all recipients of) a mail that carries a finding of one of the given categories, at or
 * above an optional minimum severity. The condition is a comma-separated list of
 * {@code category[:minSeverity]}; {@code *} stands for any category; the severity defaults to
 * {@code info} (any finding of that category).
 *
 * <pre>{@code
 * <mailet match="io.sendguard.matchers.HasFinding=attachment:high, uninspectable" class="ToProcessor">
 *     <processor>sendguard-quarantine</processor>
 * </mailet>
 * }</pre>
 */
public class HasFinding extends GenericMatcher {
    private List<Criterion> criteria;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            throw new MessagingException("HasFinding needs a condition: category[:minSeverity][, ...], e.g. HasFinding=attachment:high");
        }
        List<Criterion> parsed = new ArrayList<>();
        for (String item : condition.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                throw new MessagingException("HasFinding condition '" + condition + "' has an empty entry");
            }
            String[] parts = trimmed.split(":", -1);
            if (parts.length > 2 || parts[0].isBlank()) {
                throw new MessagingException("HasFinding condition entry '" + trimmed + "' is not category[:minSeverity]");
            }
            Severity minimum = Severity.INFO;
            if (parts.length == 2) {
                try {
                    minimum = Severity.parse(parts[1]);
                } catch (IllegalArgumentException e) {
                    throw new MessagingException("HasFinding condition entry '" + trimmed + "': " + e.getMessage());
                }
            }
            parsed.add(new Criterion(parts[0].trim().toLowerCase(Locale.ROOT), minimum));
        }
        criteria = List.copyOf(parsed);
    }

    /** When the findings cannot be read, every recipient matches: the mail takes the cautious route. */
    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        try {
            return Failsafe.call("HasFinding on mail " + mail.getName(), () -> {
                List<Finding> findings = FindingsAttribute.read(mail);
                boolean matches = findings.stream().anyMatch(f -> criteria.stream().anyMatch(c -> c.accepts(f)));
                return matches ? mail.getRecipients() : List.<MailAddress>of();
            }, failure -> mail.getRecipients());
        } catch (MessagingException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("HasFinding could not match mail " + mail.getName(), e);
        }
    }

    private static final class Criterion {
        private final String category;
        private final Severity minimum;

        Criterion(String category, Severity minimum) {
            this.category = category;
            this.minimum = minimum;
        }

        boolean accepts(Finding finding) {
            return ("*".equals(category) || category.equalsIgnoreCase(finding.category()))
                && finding.severity().atLeast(minimum);
        }
    }

    @Override
    public String getMatcherInfo() {
        return "Sendguard: mail carries a finding";
    }
}
