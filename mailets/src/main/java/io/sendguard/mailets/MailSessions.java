package io.sendguard.mailets;

import java.util.Properties;

import javax.mail.Session;

/**
 * The one javax.mail {@link Session} Sendguard builds its messages in (notices, signed messages).
 * Creating a session reads javamail resource files from every jar on James's class path (300 of them),
 * which measured as a visible share of the per-mail cost; a session with no properties is immutable in
 * use and safe to share.
 */
public final class MailSessions {
    private static final Session PLAIN = Session.getInstance(new Properties());

    private MailSessions() {
    }

    public static Session plain() {
        return PLAIN;
    }
}
