package io.sendguard.mailets.recipients;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.mailet.MailetConfig;

/**
 * Strict parsing of the parameters of the recipient mailets: a bad value fails startup, naming the
 * parameter (the same rules and messages as {@code io.sendguard.mailets.Parameters}).
 */
final class RecipientParameters {
    private static final Pattern PROCESSOR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private RecipientParameters() {
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
                throw invalid(config, name, value, "expected true or false");
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
            throw invalid(config, name, value, "expected an integer from " + min + " to " + max);
        }
    }

    /** One of {@code choices} (ignoring case), returned in lower case. */
    static String parseChoice(MailetConfig config, String name, String defaultValue, String... choices) throws MessagingException {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (Arrays.asList(choices).contains(normalized)) {
            return normalized;
        }
        throw invalid(config, name, value, "expected " + String.join(" or ", choices));
    }

    static String parseProcessor(MailetConfig config, String name, String defaultValue) throws MessagingException {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String trimmed = value.trim();
        if (!PROCESSOR_NAME.matcher(trimmed).matches()) {
            throw invalid(config, name, value, "expected the name of a processor");
        }
        return trimmed;
    }

    static boolean isProcessorName(String value) {
        return PROCESSOR_NAME.matcher(value).matches();
    }

    static List<String> parseList(MailetConfig config, String name) {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableList());
    }

    static MessagingException invalid(MailetConfig config, String name, String value, String expected) {
        return new MessagingException("Invalid value '" + value + "' for parameter " + name
            + " of mailet " + config.getMailetName() + ": " + expected);
    }
}
