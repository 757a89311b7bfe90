package io.sendguard.mailets.hold;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sendguard.core.finding.FindingWords;
import io.sendguard.core.notice.NoticeLanguage;
import io.sendguard.hold.service.HoldSettings;

/**
 * The words of Sendguard's notices, in Japanese and English; each can be replaced by the admin with
 * {@code notice.text.<name>} in {@code conf/sendguard.properties} (names: {@link HoldSettings#NOTICE_TEXT_NAMES},
 * the order of the words below). The findings are said by {@link FindingWords} in the same language. In a notice in both
 * languages, the replaced texts are the Japanese ones; the English part keeps the built-in words.
 */
final class NoticeTexts {
    final String heldSubject;
    final String heldIntro;
    final String approvalSubject;
    final String approvalIntro;
    final String waitingApproval;
    final String subject;
    final String from;
    final String recipients;
    final String external;
    final String internal;
    final String cancelThisRecipient;
    final String attachments;
    final String noAttachments;
    final String findings;
    final String noFindings;
    final String releaseAt;
    final String deadline;
    final String cancelLink;
    final String sendNowLink;
    final String approveLink;
    final String rejectLink;
    final String linksNote;
    final String cancelledSubject;
    final String cancelledBody;
    final String recipientRemovedSubject;
    final String recipientRemovedBody;
    final String rejectedSubject;
    final String rejectedBody;
    final String comment;
    final String approvedSubject;
    final String approvedBody;
    final String expiredSubject;
    final String expiredBody;
    /** Label of the sign-in link to the sender's page on the web listener. */
    final String myMailLink;
    final String footer;
    final FindingWords findingWords;
    /** {0}: approvals so far, {1}: approvals needed. */
    final String partialApprovalSubject;
    final String partialApprovalBody;
    /** {0}: approvals needed. */
    final String approvalsNeeded;
    final String reminderSubject;
    final String reminderIntro;

    private NoticeTexts(FindingWords findingWords, String... t) {
        if (t.length != HoldSettings.NOTICE_TEXT_NAMES.size()) {
            throw new IllegalStateException("notice texts: " + t.length + " words for " + HoldSettings.NOTICE_TEXT_NAMES.size() + " names");
        }
        int i = 0;
        heldSubject = t[i++]; heldIntro = t[i++]; approvalSubject = t[i++]; approvalIntro = t[i++];
        waitingApproval = t[i++]; subject = t[i++]; from = t[i++]; recipients = t[i++]; external = t[i++];
        internal = t[i++]; cancelThisRecipient = t[i++]; attachments = t[i++]; noAttachments = t[i++];
        findings = t[i++]; noFindings = t[i++]; releaseAt = t[i++]; deadline = t[i++]; cancelLink = t[i++];
        sendNowLink = t[i++]; approveLink = t[i++]; rejectLink = t[i++]; linksNote = t[i++];
        cancelledSubject = t[i++]; cancelledBody = t[i++]; recipientRemovedSubject = t[i++];
        recipientRemovedBody = t[i++]; rejectedSubject = t[i++]; rejectedBody = t[i++]; comment = t[i++];
        approvedSubject = t[i++]; approvedBody = t[i++]; expiredSubject = t[i++]; expiredBody = t[i++];
        footer = t[i++];
        partialApprovalSubject = t[i++]; partialApprovalBody = t[i++]; approvalsNeeded = t[i++];
        reminderSubject = t[i++]; reminderIntro = t[i++];
        myMailLink = t[i];
        this.findingWords = findingWords;
    }

    /**
     * @param replaced texts by name (from {@code notice.text.<name>}) that replace the built-in words
     * @throws IllegalArgumentException naming the key when a name is not one of {@link HoldSettings#NOTICE_TEXT_NAMES}
     */
    static NoticeTexts of(String language, Map<String, String> replaced) {
        boolean english = "en".equals(language);
        String[] words = (english ? EN_WORDS : JA_WORDS).clone();
        replaced.forEach((name, text) -> {
            int index = HoldSettings.NOTICE_TEXT_NAMES.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("unknown notice text " + HoldSettings.NOTICE_TEXT_PREFIX + name
                    + ": expected one of " + HoldSettings.NOTICE_TEXT_NAMES);
            }
            words[index] = text;
        });
        return new NoticeTexts(FindingWords.forLanguage(english ? "en" : "ja"), words);
    }

    /**
     * The texts of each part of a notice in {@code notice.language}: one part for {@code ja} or {@code en}; for
     * {@code both} the Japanese part (with the replaced texts) and then the English part (built-in words).
     *
     * @throws IllegalArgumentException naming the key when a replaced name is unknown, or for an unknown language
     */
    static List<NoticeTexts> parts(String language, Map<String, String> replaced) {
        NoticeLanguage parsed = NoticeLanguage.parse(language);
        List<NoticeTexts> parts = new ArrayList<>();
        for (String part : parsed.parts()) {
            parts.add(of(part, parsed == NoticeLanguage.BOTH && part.equals("en") ? Map.of() : replaced));
        }
        return List.copyOf(parts);
    }

    private static final String[] JA_WORDS = {
        "[送信保留] ",
        "次のメールの送信を保留しています。送信予定時刻までは取り消しや宛先の削除ができます。",
        "[承認依頼] ",
        "次のメールの送信に承認が必要です。内容を確認し、承認または却下してください。",
        "このメールは上長の承認待ちです。承認されると送信されます。",
        "件名",
        "差出人",
        "宛先",
        "社外",
        "社内",
        "この宛先だけ取り消す",
        "添付ファイル",
        "なし",
        "検査結果",
        "特記事項なし",
        "送信予定時刻",
        "承認期限",
        "送信を取り消す",
        "今すぐ送信する",
        "承認する",
        "却下する",
        "リンクを開くと確認画面が表示されます。ボタンを押すまで何も実行されません。",
        "[送信取消] ",
        "次のメールの送信を取り消しました。宛先には送信されていません。",
        "[宛先取消] ",
        "次の宛先を取り消しました。残りの宛先には予定どおり送信されます。",
        "[却下] ",
        "次のメールは承認者により却下されました。送信されていません。",
        "コメント",
        "[承認済み] ",
        "次のメールは承認され、送信されます。",
        "[承認期限切れ] ",
        "次のメールは承認期限までに承認されなかったため、送信されませんでした。",
        "-- \nSendguard 誤送信防止",
        "[承認 {0}/{1}] ",
        "次のメールは必要な {1} 人のうち {0} 人が承認しました。残りの承認を待っています。全員が承認すると送信されます。",
        "このメールの送信には {0} 人の承認が必要です（ダブルチェック）。",
        "[承認期限が近づいています] ",
        "次のメールはまだあなたの承認を待っています。承認期限が近づいています。内容を確認し、承認または却下してください。",
        "自分の保留メールを見る"};

    private static final String[] EN_WORDS = {
        "[Held] ",
        "The following mail is held. Until it is sent you can cancel it or drop a recipient.",
        "[Approval needed] ",
        "The following mail needs your approval before it is sent. Please approve or reject it.",
        "This mail waits for approval. It will be sent once approved.",
        "Subject",
        "From",
        "Recipients",
        "external",
        "internal",
        "cancel only this recipient",
        "Attachments",
        "none",
        "Inspection",
        "nothing found",
        "Sending at",
        "Approval deadline",
        "Cancel this mail",
        "Send it now",
        "Approve",
        "Reject",
        "Opening a link shows a confirmation page; nothing happens until you press its button.",
        "[Cancelled] ",
        "The following mail was cancelled. It was not sent.",
        "[Recipient removed] ",
        "The following recipient was removed. The mail will be sent to the others as planned.",
        "[Rejected] ",
        "The following mail was rejected by an approver. It was not sent.",
        "Comment",
        "[Approved] ",
        "The following mail was approved and will be sent.",
        "[Approval expired] ",
        "The following mail was not approved in time. It was not sent.",
        "-- \nSendguard outbound mail guard",
        "[Approved {0} of {1}] ",
        "The following mail was approved by {0} of the {1} approvers it needs. It waits for the others and is sent once"
            + " all have approved.",
        "This mail needs the approval of {0} approvers (double check).",
        "[Approval deadline near] ",
        "The following mail still waits for your approval and its approval deadline is near. Please approve or reject it.",
        "See my held mail"};
}
