package io.sendguard.inspection.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.core.finding.Severity;

class PersonalDataPolicyTest {
    @TempDir
    Path dir;

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsShouldTagOneCardAndAskApprovalFromTenAndBlockFromAHundred() {
        PersonalDataPolicy.Rule card = PersonalDataPolicy.defaults().rule(PersonalDataKind.CARD);

        assertThat(card.severity(0)).isEmpty();
        assertThat(card.severity(1)).contains(Severity.LOW);
        assertThat(card.severity(10)).contains(Severity.MEDIUM);
        assertThat(card.severity(100)).contains(Severity.HIGH);
    }

    @Test
    void defaultsShouldTreatOneOrTwoPhoneNumbersAsNormalBusinessMail() {
        PersonalDataPolicy.Rule phone = PersonalDataPolicy.defaults().rule(PersonalDataKind.PHONE);

        assertThat(phone.severity(2)).isEmpty();
        assertThat(phone.severity(20)).contains(Severity.MEDIUM);
    }

    @Test
    void fromShouldOverrideTheDefaultsWhenKeysAreGiven() {
        PersonalDataPolicy policy = PersonalDataPolicy.from(props("card.medium", "3", "card.minConfidence", "high",
            "email-list.minAddresses", "50", "phone.enabled", "false", "contextWindow", "40", "ignoreSignature", "false"));

        assertThat(policy.rule(PersonalDataKind.CARD).medium()).isEqualTo(3);
        assertThat(policy.rule(PersonalDataKind.CARD).minConfidence()).isEqualTo(Confidence.HIGH);
        assertThat(policy.minEmailAddresses()).isEqualTo(50);
        assertThat(policy.rule(PersonalDataKind.PHONE).severity(1000)).isEmpty();
        assertThat(policy.contextWindow()).isEqualTo(40);
        assertThat(policy.ignoreSignature()).isFalse();
    }

    @Test
    void fromShouldNameTheKeyWhenItIsUnknown() {
        assertThatThrownBy(() -> PersonalDataPolicy.from(props("card.medum", "3")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("card.medum");
    }

    @Test
    void fromShouldNameTheKeyWhenAValueIsBad() {
        assertThatThrownBy(() -> PersonalDataPolicy.from(props("card.medium", "ten")))
            .hasMessageContaining("card.medium").hasMessageContaining("ten");
        assertThatThrownBy(() -> PersonalDataPolicy.from(props("my-number.minConfidence", "sure")))
            .hasMessageContaining("my-number.minConfidence");
        assertThatThrownBy(() -> PersonalDataPolicy.from(props("phone.enabled", "yes please")))
            .hasMessageContaining("phone.enabled");
        assertThatThrownBy(() -> PersonalDataPolicy.from(props("email-list.minAddresses", "0")))
            .hasMessageContaining("email-list.minAddresses");
    }

    @Test
    void fromShouldRefuseThresholdsWhenTheyDecrease() {
        assertThatThrownBy(() -> PersonalDataPolicy.from(props("card.medium", "200")))
            .hasMessageContaining("card.").hasMessageContaining("must not decrease");
    }

    @Test
    void loadShouldNameTheFileWhenTheContentIsBad() throws IOException {
        Path file = dir.resolve("pd.properties");
        Files.writeString(file, "# comment\ncard.high = 50\n", StandardCharsets.UTF_8);
        assertThat(PersonalDataPolicy.load(file).rule(PersonalDataKind.CARD).high()).isEqualTo(50);

        Files.writeString(file, "crad.high = 50\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PersonalDataPolicy.load(file)).hasMessageContaining("pd.properties").hasMessageContaining("crad.high");
    }
}
