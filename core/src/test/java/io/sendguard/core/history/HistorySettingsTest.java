package io.sendguard.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;

import org.junit.jupiter.api.Test;

class HistorySettingsTest {
    static final String SOURCE = "conf/sendguard-history.properties";

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void fromShouldApplyDefaultsWhenOnlyTheKeyIsGiven() {
        HistorySettings settings = HistorySettings.from(properties("history.key", "0123456789abcdef0123456789abcdef"), SOURCE);

        assertThat(settings.directory()).isEqualTo("var/sendguard/history");
        assertThat(settings.maxPerSender()).isEqualTo(HistorySettings.DEFAULT_MAX_PER_SENDER);
        assertThat(settings.maxTotal()).isEqualTo(HistorySettings.DEFAULT_MAX_TOTAL);
        assertThat(settings.key()).hasSize(32);
    }

    @Test
    void fromShouldDecodeABase64Key() {
        HistorySettings settings = HistorySettings.from(properties("history.key",
            "base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIj"), SOURCE);

        assertThat(settings.key()).hasSize(36);
    }

    @Test
    void fromShouldNameTheFileAndKeyWhenTheKeyIsMissing() {
        assertThatThrownBy(() -> HistorySettings.from(properties(), SOURCE))
            .hasMessageContaining(SOURCE).hasMessageContaining("history.key");
    }

    @Test
    void fromShouldNameTheKeyWhenTheKeyIsTooShort() {
        assertThatThrownBy(() -> HistorySettings.from(properties("history.key", "short"), SOURCE))
            .hasMessageContaining("history.key").hasMessageContaining("32");
    }

    @Test
    void fromShouldNameTheKeyWhenABoundIsNotPositive() {
        assertThatThrownBy(() -> HistorySettings.from(properties("history.key", "0123456789abcdef0123456789abcdef",
            "history.maxPerSender", "0"), SOURCE)).hasMessageContaining("history.maxPerSender");
    }

    @Test
    void fromShouldRefuseAnUnknownKey() {
        assertThatThrownBy(() -> HistorySettings.from(properties("history.key", "0123456789abcdef0123456789abcdef",
            "history.maxTotl", "5"), SOURCE)).hasMessageContaining("history.maxTotl");
    }
}
