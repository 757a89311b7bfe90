package io.sendguard.inspection.keyword;

/** A keyword dictionary file that cannot be used; names the file and the 1-based line (0 when not line-specific). */
public final class KeywordDictionaryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int lineNumber;

    public KeywordDictionaryException(String fileName, int lineNumber, String message) {
        this(fileName, lineNumber, message, null);
    }

    public KeywordDictionaryException(String fileName, int lineNumber, String message, Throwable cause) {
        super(fileName + (lineNumber > 0 ? ":" + lineNumber : "") + ": " + message, cause);
        this.fileName = fileName;
        this.lineNumber = lineNumber;
    }

    public String fileName() {
        return fileName;
    }

    public int lineNumber() {
        return lineNumber;
    }
}
