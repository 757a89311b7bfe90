package io.sendguard.dkim.message;

import io.sendguard.dkim.DkimSigningException;

/** The message bytes are not a parseable RFC 5322 message. */
public class MalformedMessageException extends DkimSigningException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
