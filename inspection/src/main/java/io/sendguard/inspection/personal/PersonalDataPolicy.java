package io.sendguard.inspection.personal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.sendguard.core.finding.Severity;

/**
 * When personal data found in a mail becomes a finding, and how serious: per detector, matches below
 * {@code minConfidence} are ignored, the distinct data that remain are counted over the whole mail, and the
 * finding takes the highest severity whose threshold the count reaches. Immutable; {@link #defaults()} are
 * safe; {@link #from(Properties)} validates every key (an unknown key, e.g. a typo, is an error).
 *
 * <p>Keys ({@code <detector>} is one of {@code my-number}, {@code corporate-number}, {@code card},
 * {@code phone}, {@code address}, {@code email-list}, {@code bank-account}):
 * <ul>
 *   <li>{@code <detector>.enabled} — {@code true}/{@code false}</li>
 *   <li>{@code <detector>.minConfidence} — {@code low}, {@code medium} or {@code high}</li>
 *   <li>{@code <detector>.low}, {@code <detector>.medium}, {@code <detector>.high} — distinct data from which the
 *       finding has that severity; {@code 0} = never; non-zero values must not decrease from low to high</li>
 *   <li>{@code email-list.minAddresses} — distinct addresses a segment needs to count as a list</li>
 *   <li>{@code contextWindow} — characters around a number searched for labels</li>
 *   <li>{@code ignoreSignature} — phone numbers, addresses and accounts in the sender's signature are not counted</li>
 * </ul>
 */
public final class PersonalDataPolicy {
    public static final String KEY_CONTEXT_WINDOW = "contextWindow";
    public static final String KEY_MIN_ADDRESSES = "email-list.minAddresses";
    public static final String KEY_IGNORE_SIGNATURE = "ignoreSignature";
    public static final String SUFFIX_ENABLED = "enabled";
    public static final String SUFFIX_MIN_CONFIDENCE = "minConfidence";
    private static final int MAX_COUNT = 1_000_000;

    /** The policy of one detector. Immutable. */
    public static final class Rule {
        private final boolean enabled;
        private final Confidence minConfidence;
        private final int low;
        private final int medium;
        private final int high;

        Rule(boolean enabled, Confidence minConfidence, int low, int medium, int high) {
            this.enabled = enabled;
            this.minConfidence = Objects.requireNonNull(minConfidence);
            this.low = low;
            this.medium = medium;
            this.high = high;
        }

        public boolean enabled() {
            return enabled;
        }

        public Confidence minConfidence() {
            return minConfidence;
        }

        /** Distinct data from which the finding is LOW, 0 = never; likewise {@link #medium()}, {@link #high()}. */
        public int low() {
            return low;
        }

        public int medium() {
            return medium;
        }

        public int high() {
            return high;
        }

        /** Severity for this many distinct data, empty below every threshold. */
        public Optional<Severity> severity(int distinct) {
            if (!enabled || distinct <= 0) {
                return Optional.empty();
            }
            if (high > 0 && distinct >= high) {
                return Optional.of(Severity.HIGH);
            }
            if (medium > 0 && distinct >= medium) {
                return Optional.of(Severity.MEDIUM);
            }
            if (low > 0 && distinct >= low) {
                return Optional.of(Severity.LOW);
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return (enabled ? "" : "disabled ") + "min " + minConfidence.id() + ", low " + low + ", medium " + medium + ", high " + high;
        }
    }

    private static final Map<PersonalDataKind, Rule> DEFAULT_RULES;

    static {
        Map<PersonalDataKind, Rule> d = new EnumMap<>(PersonalDataKind.class);
        d.put(PersonalDataKind.MY_NUMBER, new Rule(true, Confidence.MEDIUM, 0, 1, 10));
        d.put(PersonalDataKind.CORPORATE_NUMBER, new Rule(true, Confidence.HIGH, 1, 0, 0));
        d.put(PersonalDataKind.CARD, new Rule(true, Confidence.LOW, 1, 10, 100));
        d.put(PersonalDataKind.PHONE, new Rule(true, Confidence.MEDIUM, 0, 20, 100));
        d.put(PersonalDataKind.ADDRESS, new Rule(true, Confidence.MEDIUM, 0, 20, 100));
        d.put(PersonalDataKind.EMAIL_LIST, new Rule(true, Confidence.LOW, 0, 20, 100));
        d.put(PersonalDataKind.BANK_ACCOUNT, new Rule(true, Confidence.MEDIUM, 1, 10, 100));
        DEFAULT_RULES = Collections.unmodifiableMap(d);
    }

    private final Map<PersonalDataKind, Rule> rules;
    private final int contextWindow;
    private final int minEmailAddresses;
    private final boolean ignoreSignature;

    private PersonalDataPolicy(Map<PersonalDataKind, Rule> rules, int contextWindow, int minEmailAddresses, boolean ignoreSignature) {
        this.rules = Collections.unmodifiableMap(new EnumMap<>(rules));
        this.contextWindow = contextWindow;
        this.minEmailAddresses = minEmailAddresses;
        this.ignoreSignature = ignoreSignature;
    }

    /**
     * my-number: min medium, 1 → medium, 10 → high; corporate-number: min high, 1 → low; card: min low, 1 → low,
     * 10 → medium, 100 → high; phone and address: min medium, 20 → medium, 100 → high; email-list (20 addresses in
     * a segment): 20 → medium, 100 → high; bank-account: min medium, 1 → low, 10 → medium, 100 → high; context
     * window 30; signatures ignored.
     */
    public static PersonalDataPolicy defaults() {
        return new PersonalDataPolicy(DEFAULT_RULES, 30, 20, true);
    }

    /** Reads and validates a properties file (UTF-8). */
    public static PersonalDataPolicy load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        try {
            return from(properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The defaults overridden by {@code properties}.
     *
     * @throws IllegalArgumentException naming the key and the bad value
     */
    public static PersonalDataPolicy from(Properties properties) {
        Set<String> known = new TreeSet<>(Set.of(KEY_CONTEXT_WINDOW, KEY_MIN_ADDRESSES, KEY_IGNORE_SIGNATURE));
        Map<PersonalDataKind, Rule> rules = new EnumMap<>(PersonalDataKind.class);
        for (PersonalDataKind kind : PersonalDataKind.values()) {
            Rule d = DEFAULT_RULES.get(kind);
            String p = kind.id() + ".";
            known.add(p + SUFFIX_ENABLED);
            known.add(p + SUFFIX_MIN_CONFIDENCE);
            known.add(p + "low");
            known.add(p + "medium");
            known.add(p + "high");
            boolean enabled = bool(properties, p + SUFFIX_ENABLED, d.enabled());
            Confidence min = d.minConfidence();
            String minValue = value(properties, p + SUFFIX_MIN_CONFIDENCE);
            if (minValue != null) {
                try {
                    min = Confidence.parse(minValue);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(p + SUFFIX_MIN_CONFIDENCE + ": " + e.getMessage());
                }
            }
            int low = integer(properties, p + "low", d.low(), 0, MAX_COUNT);
            int medium = integer(properties, p + "medium", d.medium(), 0, MAX_COUNT);
            int high = integer(properties, p + "high", d.high(), 0, MAX_COUNT);
            if ((low > 0 && medium > 0 && medium < low) || (medium > 0 && high > 0 && high < medium)
                || (low > 0 && high > 0 && high < low)) {
                throw new IllegalArgumentException(p + "low/medium/high: thresholds must not decrease (" + low + ", "
                    + medium + ", " + high + ")");
            }
            rules.put(kind, new Rule(enabled, min, low, medium, high));
        }
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'; known keys: " + known);
            }
        }
        return new PersonalDataPolicy(rules, integer(properties, KEY_CONTEXT_WINDOW, 30, 1, 500),
            integer(properties, KEY_MIN_ADDRESSES, 20, 1, MAX_COUNT), bool(properties, KEY_IGNORE_SIGNATURE, true));
    }

    private static String value(Properties properties, String key) {
        String v = properties.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static boolean bool(Properties properties, String key, boolean defaultValue) {
        String v = value(properties, key);
        if (v == null) {
            return defaultValue;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw new IllegalArgumentException(key + ": expected true or false, got '" + v + "'");
        }
    }

    private static int integer(Properties properties, String key, int defaultValue, int min, int max) {
        String v = value(properties, key);
        if (v == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(v);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected an integer from " + min + " to " + max + ", got '" + v + "'");
        }
    }

    public Rule rule(PersonalDataKind kind) {
        return rules.get(kind);
    }

    public int contextWindow() {
        return contextWindow;
    }

    public int minEmailAddresses() {
        return minEmailAddresses;
    }

    public boolean ignoreSignature() {
        return ignoreSignature;
    }

    @Override
    public String toString() {
        return "PersonalDataPolicy" + rules + ", contextWindow " + contextWindow + ", email-list.minAddresses "
            + minEmailAddresses + ", ignoreSignature " + ignoreSignature;
    }
}
