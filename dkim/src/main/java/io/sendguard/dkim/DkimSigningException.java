package io.sendguard.dkim;

/**
 * Signing a given message failed: the message cannot be parsed (no header section, no From),
 * the identity does not fit the signing domain, or the cryptographic operation failed.
 */
public class DkimSigningException extends DkimException {
    private static final long serialVersionUID = 1L;

    public DkimSigningException(String message) {
        super(message);
    }

    public DkimSigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
