package io.sendguard.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sendguard.hold.HeldMail;
import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldPage;
import io.sendguard.hold.HoldQuery;
import io.sendguard.hold.HoldState;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The two lists of a signed-in person, newest first, {@value #PAGE_SIZE} to a page ({@code ?page=N}), read from the
 * store page by page: {@code GET /my} (自分の送信メール: the person's held, waiting and decided mail while the store keeps
 * it) and {@code GET /approvals} (承認待ち: mail waiting for this approver). Without a session: the sign-in page.
 */
final class MyMailPages implements WebRoutes {
    static final int PAGE_SIZE = 50;

    private final Web web;

    MyMailPages(Web web) {
        this.web = web;
    }

    @Override
    public void define(Service spark) {
        spark.get("/my", (req, res) -> web.guarded(req, res, (rq, rs) -> list(rq, rs, false)));
        spark.get("/approvals", (req, res) -> web.guarded(req, res, (rq, rs) -> list(rq, rs, true)));
    }

    private Object list(Request request, Response response, boolean approvals) {
        Optional<Sessions.Session> session = web.session(request);
        if (session.isEmpty()) {
            return Web.redirect(response, "/signin");
        }
        PageTexts t = web.texts(request);
        int page;
        try {
            page = pageNumber(request.queryParams("page"));
        } catch (IllegalArgumentException e) {
            return web.badRequest(request, response, e.getMessage());
        }
        String user = session.get().user();
        HoldQuery query = approvals
            ? HoldQuery.all().withApprover(user).withState(HoldState.HELD).withMode(HoldMode.APPROVAL)
            : HoldQuery.all().withSender(user);
        HoldPage result = web.service.store().list(query.withPage((page - 1) * PAGE_SIZE, PAGE_SIZE));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HeldMail mail : result.items()) {
            Map<String, Object> row = MailView.row(web, t, mail);
            if (approvals && mail.approvals().stream().anyMatch(user::equalsIgnoreCase)) {
                row.put("youApproved", true);
            }
            rows.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("t", t.words().all());
        model.put("rows", rows);
        model.put("approvals", approvals);
        model.put("empty", rows.isEmpty() ? t.word(approvals ? "noApprovals" : "noMail") : null);
        long total = result.totalMatching();
        if (!rows.isEmpty()) {
            long first = (long) (page - 1) * PAGE_SIZE + 1;
            model.put("pageOf", t.word("pageOf", first, first + rows.size() - 1, total));
        }
        String path = approvals ? "/approvals" : "/my";
        if (page > 1) {
            model.put("prev", path + "?page=" + (page - 1));
        }
        if ((long) page * PAGE_SIZE < total) {
            model.put("next", path + "?page=" + (page + 1));
        }
        String heading = approvals ? t.approvalsHeading() : t.myMailHeading();
        return Web.send(response, 200, web.page(t, heading, session).template("list", model));
    }

    static int pageNumber(String value) {
        if (value == null || value.isEmpty()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("page must be a number from 1 (was '"
            + (value.length() > 20 ? value.substring(0, 20) + "..." : value) + "')");
    }
}
