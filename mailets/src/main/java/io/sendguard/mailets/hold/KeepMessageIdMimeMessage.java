package io.sendguard.mailets.hold;

import java.io.InputStream;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/** A parsed message that keeps its Message-ID when saved (javax.mail would make a new one). */
public final class KeepMessageIdMimeMessage extends MimeMessage {
    public KeepMessageIdMimeMessage(Session session, InputStream in) throws MessagingException {
        super(session, in);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID") == null) {
            super.updateMessageID();
        }
    }
}
