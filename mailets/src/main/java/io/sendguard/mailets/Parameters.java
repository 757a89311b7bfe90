package io.sendguard.mailets;

import java.util.Locale;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.mailet.MailetConfig;

import io.sendguard.core.finding.Severity;

/** Strict parsing of mailet parameters: a bad value fails startup, naming the parameter. */
public final class Parameters {
    private Parameters() {
    }

    /**
     * A text parameter written in the XML (a notice's paragraph or signature): each line stripped of the XML's
     * indentation, line breaks kept; a first line {@code --} becomes the signature separator {@code "-- "}.
     * Blank: the default.
     */
    public static String text(MailetConfig config, String name, String defaultText) {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return defaultText;
        }
        return value.lines().map(String::strip).collect(java.util.stream.Collectors.joining("\n")).strip()
            .replaceFirst("^--$", "-- ").replaceFirst("^--\n", "-- \n");
    }

    static boolean parseBoolean(MailetConfig config, String name, boolean defaultValue) throws MessagingException {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": return true;
            case "false": case "no": return false;
            default:
                throw new MessagingException("Invalid value '" + value + "' for parameter " + name
                    + " of mailet " + config.getMailetName() + ": expected true or false");
        }
    }

    static int parseInt(MailetConfig config, String name, int defaultValue, int min, int max) throws MessagingException {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new MessagingException("Invalid value '" + value + "' for parameter " + name
                + " of mailet " + config.getMailetName() + ": expected an integer from " + min + " to " + max);
        }
    }

    /**
     * An action of a policy: {@code block} (HIGH), {@code hold} (MEDIUM), {@code tag} (INFO) or {@code off}
     * (empty: no finding).
     */
    static Optional<Severity> parseAction(MailetConfig config, String name, String defaultValue) throws MessagingException {
        String value = config.getInitParameter(name);
        String action = value == null || value.isBlank() ? defaultValue : value.trim().toLowerCase(Locale.ROOT);
        switch (action) {
            case "block": return Optional.of(Severity.HIGH);
            case "hold": return Optional.of(Severity.MEDIUM);
            case "tag": return Optional.of(Severity.INFO);
            case "off": return Optional.empty();
            default:
                throw new MessagingException("Invalid value '" + value + "' for parameter " + name
                    + " of mailet " + config.getMailetName() + ": expected block, hold, tag or off");
        }
    }

    /** A size in bytes with an optional K, M or G suffix (powers of 1024); {@code 0} or absent = no limit. */
    static long parseSize(MailetConfig config, String name) throws MessagingException {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        long factor = 1;
        if (v.endsWith("K") || v.endsWith("M") || v.endsWith("G")) {
            factor = v.endsWith("K") ? 1024L : v.endsWith("M") ? 1024L * 1024 : 1024L * 1024 * 1024;
            v = v.substring(0, v.length() - 1).trim();
        }
        try {
            long parsed = Long.parseLong(v);
            if (parsed < 0 || parsed > Long.MAX_VALUE / factor) {
                throw new NumberFormatException();
            }
            return parsed * factor;
        } catch (NumberFormatException e) {
            throw new MessagingException("Invalid value '" + value + "' for parameter " + name
                + " of mailet " + config.getMailetName() + ": expected a size in bytes such as 10485760, 10240K or 10M (0 = no limit)");
        }
    }
}
