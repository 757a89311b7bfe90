package io.sendguard.mailets.audit;

import java.util.List;
import java.util.Locale;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;

import io.sendguard.core.finding.Finding;

/**
 * Sendguard's counters and timer in James's metric system (JMX, and WebAdmin {@code GET /metrics} when
 * {@code org.apache.james.webadmin.dropwizard.MetricsRoutes} is enabled): {@value #INSPECTED},
 * {@value #FINDINGS_PREFIX}{@code <category>}, {@value #HELD}, {@value #RELEASED}, {@value #CANCELLED},
 * {@value #BLOCKED}, {@value #SIGNED}, {@value #AUDIT_WRITE_FAILED}, and the timer {@value #INSPECTION_TIME}.
 */
public class SendguardMetrics {
    public static final String INSPECTED = "sendguard_inspected";
    public static final String FINDINGS_PREFIX = "sendguard_findings_";
    public static final String HELD = "sendguard_held";
    public static final String RELEASED = "sendguard_released";
    public static final String CANCELLED = "sendguard_cancelled";
    public static final String BLOCKED = "sendguard_blocked";
    public static final String SIGNED = "sendguard_signed";
    public static final String SIGNATURE_CHECKED = "sendguard_dkim_checked";
    public static final String SIGNATURE_CHECK_FAILED = "sendguard_dkim_check_failed";
    public static final String INSPECTION_TIME = "sendguard_inspection_time";
    public static final String AUDIT_WRITE_FAILED = "sendguard_audit_write_failed";
    public static final String DKIM_SIGN_FAILED = "sendguard_dkim_sign_failed";
    /** Held mails whose files could not be read, set aside (WebAdmin {@code GET /sendguard/holds/bad}). */
    public static final String HOLD_SET_ASIDE = "sendguard_hold_set_aside";

    private static final SendguardMetrics NONE = new SendguardMetrics(null);

    private final MetricFactory factory;

    @Inject
    public SendguardMetrics(MetricFactory factory) {
        this.factory = factory;
        if (factory != null) {
            // visible (at 0) from the start, not only after the first event
            for (String name : List.of(INSPECTED, HELD, RELEASED, CANCELLED, BLOCKED, SIGNED, SIGNATURE_CHECKED,
                SIGNATURE_CHECK_FAILED, AUDIT_WRITE_FAILED, DKIM_SIGN_FAILED, HOLD_SET_ASIDE)) {
                factory.generate(name);
            }
        }
    }

    /** Counts nothing: for mailets created outside Guice. */
    public static SendguardMetrics none() {
        return NONE;
    }

    /** A mail went through the content inspection. */
    public void inspected() {
        increment(INSPECTED);
    }

    /** Findings a detector added to a mail: each counts once under its category. */
    public void found(List<Finding> findings) {
        for (Finding finding : findings) {
            increment(FINDINGS_PREFIX + metricSafe(finding.category()));
        }
    }

    /** Starts the inspection timer; stop it with {@link Timer#stop()}. */
    public Timer startInspection() {
        if (factory == null) {
            return () -> { };
        }
        TimeMetric metric = factory.timer(INSPECTION_TIME);
        return metric::stopAndPublish;
    }

    public void held() {
        increment(HELD);
    }

    public void released() {
        increment(RELEASED);
    }

    public void cancelled() {
        increment(CANCELLED);
    }

    /** A held mail whose files cannot be read was set aside. */
    public void holdSetAside() {
        increment(HOLD_SET_ASIDE);
    }

    public void blocked() {
        increment(BLOCKED);
    }

    /** An audit event could not be written (the audit trail also logs it at ERROR). */
    public void auditWriteFailed() {
        increment(AUDIT_WRITE_FAILED);
    }

    /** A mail could not be DKIM-signed and leaves unsigned. */
    public void signFailed() {
        increment(DKIM_SIGN_FAILED);
    }

    public void signed() {
        increment(SIGNED);
    }

    /** Our own signature was checked on the bytes about to be sent; {@code valid} false counts a failure. */
    public void signatureChecked(boolean valid) {
        increment(SIGNATURE_CHECKED);
        if (!valid) {
            increment(SIGNATURE_CHECK_FAILED);
        }
    }

    /** Makes the signature check counters visible (at 0) before the first mail. */
    public void registerSignatureCheck() {
        if (factory != null) {
            factory.generate(SIGNATURE_CHECKED);
            factory.generate(SIGNATURE_CHECK_FAILED);
        }
    }

    private void increment(String name) {
        if (factory != null) {
            factory.generate(name).increment();
        }
    }

    /** {@code personal-data} becomes {@code personal_data}: metric names allow [a-z0-9_]. */
    static String metricSafe(String category) {
        String lower = category.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return out.toString();
    }

    /** A running timer. */
    public interface Timer {
        void stop();
    }
}
