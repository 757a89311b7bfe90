package io.sendguard.inspection.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

/** The sample policy file (conf/sendguard-personal-data.properties) loads and equals the defaults. */
class ShippedPolicyFileTest {
    @Test
    void loadShouldGiveTheDefaultsWhenReadingTheSampleFile() throws Exception {
        Path sample = Paths.get("..", "conf", "sendguard-personal-data.properties");

        PersonalDataPolicy policy = PersonalDataPolicy.load(sample);

        assertThat(policy.toString()).isEqualTo(PersonalDataPolicy.defaults().toString());
    }
}
