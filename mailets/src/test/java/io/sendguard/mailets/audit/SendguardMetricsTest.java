package io.sendguard.mailets.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;

class SendguardMetricsTest {
    final RecordingMetricFactory factory = new RecordingMetricFactory();
    final SendguardMetrics metrics = new SendguardMetrics(factory);

    @Test
    void inspectedShouldCountTheMailAndFoundEachFindingByCategoryWhenCalled() {
        metrics.inspected();
        metrics.found(List.of(
            Finding.of("keyword.confidential", "confidential", Severity.HIGH, "subject", ""),
            Finding.of("keyword.confidential", "confidential", Severity.HIGH, "body:text/plain", ""),
            Finding.of("pii.my-number", "personal-data", Severity.MEDIUM, "body:text/plain", "")));
        metrics.inspected();
        metrics.found(List.of());

        assertThat(factory.count("sendguard_inspected")).isEqualTo(2);
        assertThat(factory.count("sendguard_findings_confidential")).isEqualTo(2);
        assertThat(factory.count("sendguard_findings_personal_data")).isEqualTo(1);
    }

    @Test
    void countersShouldUseTheDocumentedNamesWhenIncremented() {
        metrics.held();
        metrics.released();
        metrics.cancelled();
        metrics.blocked();
        metrics.signed();
        metrics.signed();

        assertThat(factory.count("sendguard_held")).isEqualTo(1);
        assertThat(factory.count("sendguard_released")).isEqualTo(1);
        assertThat(factory.count("sendguard_cancelled")).isEqualTo(1);
        assertThat(factory.count("sendguard_blocked")).isEqualTo(1);
        assertThat(factory.count("sendguard_signed")).isEqualTo(2);
    }

    @Test
    void theDocumentedCountersShouldExistFromTheStartAtZero() {
        assertThat(factory.generated()).contains("sendguard_inspected", "sendguard_held", "sendguard_released",
            "sendguard_cancelled", "sendguard_blocked", "sendguard_signed", "sendguard_dkim_checked",
            "sendguard_dkim_check_failed");
        assertThat(factory.count("sendguard_blocked")).isZero();
    }

    @Test
    void startInspectionShouldPublishOneTimingWhenStopped() {
        metrics.startInspection().stop();

        assertThat(factory.timings("sendguard_inspection_time")).hasSize(1);
    }

    @Test
    void noneShouldCountNothingWhenNoFactoryIsGiven() {
        SendguardMetrics none = SendguardMetrics.none();
        none.held();
        none.startInspection().stop();

        assertThat(factory.count("sendguard_held")).isZero();
    }
}
