package io.sendguard.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.sendguard.hold.HoldMode;
import io.sendguard.hold.HoldState;
import io.sendguard.hold.token.TokenAction;

/** Japanese texts of the action pages. */
final class JapanesePageTexts extends PageTexts {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu年M月d日(E) H:mm", Locale.JAPANESE);
    /** The zone as people know it (JST), not the region name. */
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    @Override
    String lang() {
        return "ja";
    }

    @Override
    String confirmHeading(TokenAction action, String recipient) {
        switch (action) {
            case CANCEL: return "このメールの送信を取り消しますか？";
            case SEND_NOW: return "このメールを今すぐ送信しますか？";
            case CANCEL_RECIPIENT: return recipient + " への送信だけを取り消しますか？";
            case APPROVE: return "このメールの送信を承認しますか？";
            default: return "このメールの送信を却下しますか？";
        }
    }

    @Override
    String confirmExplanation(TokenAction action, String recipient) {
        switch (action) {
            case CANCEL: return "取り消すと、このメールはどの宛先にも送信されません。";
            case SEND_NOW: return "保留時間の終了を待たずに、すぐに送信します。";
            case CANCEL_RECIPIENT: return recipient + " には送信されません。ほかの宛先には送信されます。";
            case APPROVE: return "承認すると、このメールは宛先に送信されます。";
            default: return "却下すると、このメールは送信されません。送信者に通知され、コメントも伝わります。";
        }
    }

    @Override
    String button(TokenAction action) {
        switch (action) {
            case CANCEL: return "送信を取り消す";
            case SEND_NOW: return "今すぐ送信する";
            case CANCEL_RECIPIENT: return "この宛先だけ取り消す";
            case APPROVE: return "承認する";
            default: return "却下する";
        }
    }

    @Override
    String commentLabel() {
        return "送信者へのコメント（任意）";
    }

    @Override
    String commentHint() {
        return "例：修正してほしい点など";
    }

    @Override
    String subjectLabel() {
        return "件名";
    }

    @Override
    String senderLabel() {
        return "差出人";
    }

    @Override
    String recipientsLabel() {
        return "宛先";
    }

    @Override
    String removedRecipientsLabel() {
        return "取り消した宛先";
    }

    @Override
    String dueLabel() {
        return "送信予定時刻";
    }

    @Override
    String stateLabel() {
        return "状態";
    }

    @Override
    String noSubject() {
        return "（件名なし）";
    }

    @Override
    String noSender() {
        return "（なし）";
    }

    @Override
    String approvalDeadlineLabel() {
        return "承認期限";
    }

    @Override
    String dueAfterApproval() {
        return "承認後に送信";
    }

    @Override
    String state(HoldState state, HoldMode mode) {
        switch (state) {
            case HELD: return mode == HoldMode.APPROVAL ? "承認待ち" : "送信保留中";
            case RELEASING: return "送信処理中";
            case RELEASED: return "送信済み";
            case CANCELLED: return "送信取り消し済み";
            case APPROVED: return mode == HoldMode.APPROVAL ? "承認済み（まもなく送信）" : "まもなく送信";
            case REJECTED: return "却下済み";
            default: return "承認期限切れ（未送信）";
        }
    }

    @Override
    String dateTime(Instant instant, ZoneId zone) {
        return DATE_TIME.format(instant.atZone(zone)) + " " + ZONE.format(instant.atZone(zone));
    }

    @Override
    String remaining(Duration remaining) {
        long minutes = (remaining.getSeconds() + 59) / 60;
        if (minutes < 60) {
            return "あと" + minutes + "分";
        }
        return "あと約" + Math.round(minutes / 60.0) + "時間";
    }

    @Override
    String recipientCount(int count) {
        return count + "件";
    }

    @Override
    String done(TokenAction action, String recipient, boolean mailCancelled) {
        switch (action) {
            case CANCEL: return "送信を取り消しました";
            case SEND_NOW: return "今すぐ送信します";
            case CANCEL_RECIPIENT: return mailCancelled ? "送信を取り消しました" : recipient + " への送信を取り消しました";
            case APPROVE: return "承認しました";
            default: return "却下しました";
        }
    }

    @Override
    String doneDetail(TokenAction action, String recipient, boolean mailCancelled) {
        switch (action) {
            case CANCEL: return "このメールはどの宛先にも送信されません。";
            case SEND_NOW: return "まもなく送信されます。";
            case CANCEL_RECIPIENT: return mailCancelled
                ? recipient + " を取り消した結果、宛先がなくなったため、このメールは送信されません。"
                : "ほかの宛先には送信されます。";
            case APPROVE: return "このメールは宛先に送信されます。";
            default: return "このメールは送信されません。送信者に通知されます。";
        }
    }

    @Override
    String invalidLinkHeading() {
        return "このリンクは無効です";
    }

    @Override
    String invalidLinkText() {
        return "リンクが途中で切れているか、書き換えられている可能性があります。通知メールのリンクを、もう一度そのまま開いてください。";
    }

    @Override
    String expiredHeading() {
        return "このリンクは有効期限が切れています";
    }

    @Override
    String expiredText() {
        return "このメールについて操作が必要な場合は、メール管理者にお問い合わせください。";
    }

    @Override
    String usedHeading() {
        return "このリンクは使用済みです";
    }

    @Override
    String usedText() {
        return "リンクは一度だけ使えます。";
    }

    @Override
    String notFoundHeading() {
        return "対象のメールが見つかりません";
    }

    @Override
    String notFoundText() {
        return "すでに送信されて保存期間が過ぎたか、管理者が削除した可能性があります。";
    }

    @Override
    String notPossibleHeading() {
        return "この操作はもう行えません";
    }

    @Override
    String notPossibleBecause(HoldState state, HoldMode mode) {
        switch (state) {
            case HELD: return mode == HoldMode.APPROVAL ? "このメールは承認待ちです。" : "このメールは送信保留中です。";
            case RELEASING: return "このメールは現在送信中です。";
            case RELEASED: return "このメールはすでに送信済みです。";
            case CANCELLED: return "このメールの送信はすでに取り消されています。";
            case APPROVED: return "このメールはすでに承認（または送信指示）済みで、まもなく送信されます。";
            case REJECTED: return "このメールはすでに却下されています。";
            default: return "承認期限が過ぎたため、このメールは送信されていません。";
        }
    }

    @Override
    String notRecipient(String recipient) {
        return recipient + " はすでにこのメールの宛先ではありません。";
    }

    @Override
    String notAllowed(TokenAction action) {
        return action == TokenAction.SEND_NOW
            ? "このメールは承認待ちのため、承認前に送信することはできません。"
            : "このメールは承認が必要なメールではありません。";
    }

    @Override
    String notApprover() {
        return "このリンクは、このメールの承認者ではない人のものです。承認も却下も行われていません。メールは保留されたままです。";
    }

    @Override
    String tryAgainHeading() {
        return "いまは処理できません";
    }

    @Override
    String tryAgainText() {
        return "サーバー内部でエラーが発生したため、何も行われていません。しばらくしてからもう一度お試しください。"
            + "続く場合は管理者にお問い合わせください。";
    }

    @Override
    String closeHint() {
        return "このページは閉じてかまいません。";
    }
}
