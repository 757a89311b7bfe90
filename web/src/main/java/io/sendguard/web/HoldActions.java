package io.sendguard.web;

import java.util.List;
import java.util.Set;

import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HeldMailId;
import io.sendguard.hold.service.ActionResult;
import io.sendguard.hold.service.HoldService;
import io.sendguard.hold.token.TokenAction;

/** What a signed-in sender or approver can do to a held mail, over {@link HoldService}. */
final class HoldActions {
    private final HoldService service;

    HoldActions(HoldService service) {
        this.service = service;
    }

    ActionResult cancel(HeldMail mail, String actor) {
        return service.perform(mail.id(), TokenAction.CANCEL, null, actor, "");
    }

    ActionResult sendNow(HeldMail mail, String actor) {
        return service.perform(mail.id(), TokenAction.SEND_NOW, null, actor, "");
    }

    ActionResult removeRecipients(HeldMailId id, List<String> addresses, String actor) {
        return service.removeRecipients(id, addresses, actor);
    }

    ActionResult approve(HeldMailId id, String approver, String comment, Set<String> ticked) {
        return service.approve(id, approver, comment, ticked);
    }

    ActionResult reject(HeldMailId id, String approver, String comment) {
        return service.reject(id, approver, comment);
    }

    List<String> checklist() {
        return service.settings().approvalChecklist();
    }
}
