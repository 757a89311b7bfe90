package io.sendguard.mailets.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;

class AuditLocationsTest {
    @Test
    void maskedShouldHideThePersonAndTheNumbersInAFileNameButKeepItsExtension() {
        assertThat(AuditLocations.masked("attachment:山田太郎_090-1234-5678.xlsx")).isEqualTo("attachment:山***.xlsx");
        assertThat(AuditLocations.masked("attachment-name:customer_123456789018.txt")).isEqualTo("attachment-name:c***.txt");
        assertThat(AuditLocations.masked("attachment:09012345678.pdf")).isEqualTo("attachment:****.pdf");
    }

    @Test
    void maskedShouldMaskEveryNameOfAPathInsideArchivesAndAttachedMails() {
        assertThat(AuditLocations.masked("attachment:outer.zip!/docs/inner.zip!/setup.exe"))
            .isEqualTo("attachment:o***.zip!/d***/i***.zip!/s***.exe");
        assertThat(AuditLocations.masked("attachment:fwd.eml!/attachment-name:田中様.pdf"))
            .isEqualTo("attachment:f***.eml!/attachment-name:田***.pdf");
        assertThat(AuditLocations.masked("attachment:fwd.eml!/body:text/plain")).isEqualTo("attachment:f***.eml!/body:text/plain");
        assertThat(AuditLocations.masked("attachment-name:list_0312345678.csv (+2 more)")).isEqualTo("attachment-name:l***.csv (+2 more)");
    }

    @Test
    void maskedShouldKeepLocationsThatNameNoFile() {
        for (String location : new String[] {"subject", "body:text/plain", "message", "envelope", "domain:partner.example",
            "header:To/Cc", "attachment:(unnamed application/pdf)"}) {
            assertThat(AuditLocations.masked(location)).isEqualTo(location);
        }
    }

    @Test
    void auditFindingsShouldCarryTheMaskedLocation() {
        List<Finding> findings = List.of(Finding.of("personal-data.my-number", "personal-data", Severity.MEDIUM,
            "attachment-name:customer_123456789018.txt", "1 distinct: **** **** 9018"));

        assertThat(AuditEvents.masked(findings)).singleElement()
            .satisfies(f -> assertThat(f.location()).isEqualTo("attachment-name:c***.txt"))
            .satisfies(f -> assertThat(f.toString()).doesNotContain("123456789018", "customer"));
    }
}
