package io.sendguard.hold;

/**
 * Unchecked failure of the hold store's storage (I/O error, corrupt record).
 */
public class HoldStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HoldStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public HoldStoreException(String message) {
        super(message);
    }
}
