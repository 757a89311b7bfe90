package io.sendguard.dkim;

/**
 * Base type of every checked exception thrown by the Sendguard DKIM library.
 *
 * <p>Messages of these exceptions never contain key material; they may name files, line numbers,
 * domains and selectors.</p>
 */
public abstract class DkimException extends Exception {
    private static final long serialVersionUID = 1L;

    protected DkimException(String message) {
        super(message);
    }

    protected DkimException(String message, Throwable cause) {
        super(message, cause);
    }
}
