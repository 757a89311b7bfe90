package io.sendguard.dkim;

/**
 * A configuration problem: unreadable or invalid key file, invalid key table, unsupported key size,
 * invalid signing options. Fix the configuration; retrying will not help.
 */
public class DkimConfigurationException extends DkimException {
    private static final long serialVersionUID = 1L;

    public DkimConfigurationException(String message) {
        super(message);
    }

    public DkimConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
