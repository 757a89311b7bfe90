package io.sendguard.webadmin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.FindingCodec;
import io.sendguard.hold.Decision;
import io.sendguard.hold.HeldMail;

/** The JSON shape of a held mail in the WebAdmin API (plain maps and lists, rendered by James's JsonTransformer). */
final class HoldJson {
    /** HeldMail attribute holding the inspection findings, encoded with {@link FindingCodec}. */
    static final String FINDINGS_ATTRIBUTE = "sendguard.findings";

    private static final Logger LOGGER = LoggerFactory.getLogger(HoldJson.class);

    private HoldJson() {
    }

    static Map<String, Object> item(HeldMail mail) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", mail.id().asString());
        item.put("sender", mail.sender());
        item.put("recipients", mail.recipients());
        item.put("removedRecipients", mail.removedRecipients());
        item.put("subject", mail.subject());
        item.put("messageId", mail.messageId());
        item.put("createdAt", mail.createdAt().toString());
        item.put("dueAt", mail.dueAt().map(Instant::toString).orElse(null));
        item.put("mode", mail.mode().name());
        item.put("state", mail.state().name());
        item.put("approvers", mail.approvers());
        item.put("approvals", mail.approvals());
        item.put("approvalsRequired", mail.approvalsRequired());
        item.put("releaseProcessor", mail.releaseProcessor());
        item.put("findings", findings(mail));
        item.put("lastDecision", mail.lastDecision().map(HoldJson::decision).orElse(null));
        return item;
    }

    static List<Finding> decodeFindings(HeldMail mail) {
        String encoded = mail.attributes().get(FINDINGS_ATTRIBUTE);
        try {
            return FindingCodec.decode(encoded);
        } catch (IllegalArgumentException e) {
            LOGGER.warn("Held mail {}: unreadable findings attribute: {}", mail.id(), e.getMessage());
            return Collections.emptyList();
        }
    }

    private static List<Map<String, Object>> findings(HeldMail mail) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Finding f : decodeFindings(mail)) {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("ruleId", f.ruleId());
            finding.put("category", f.category());
            finding.put("severity", f.severity().name());
            finding.put("location", f.location());
            finding.put("excerpt", f.excerpt());
            out.add(finding);
        }
        return out;
    }

    private static Map<String, Object> decision(Decision decision) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("actor", decision.actor());
        out.put("comment", decision.comment());
        out.put("at", decision.at().toString());
        return out;
    }
}
