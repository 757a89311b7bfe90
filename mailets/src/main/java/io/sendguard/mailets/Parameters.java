package io.sendguard.mailets;

import java.util.Locale;

import javax.mail.MessagingException;

import org.apache.mailet.MailetConfig;

/** Strict parsing of mailet parameters: a bad value fails startup, naming the parameter. */
final class Parameters {
    private Parameters() {
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
}
