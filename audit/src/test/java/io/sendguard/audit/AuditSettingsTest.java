package io.sendguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class AuditSettingsTest {
    static final String KEY = "0123456789abcdef0123456789abcdef";

    static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void fromShouldApplyDefaultsWhenOnlyTheKeyIsGiven() {
        AuditSettings settings = AuditSettings.from(props(AuditSettings.HASH_KEY, KEY), "f");

        assertThat(settings.directory()).isEqualTo("var/sendguard/audit");
        assertThat(settings.recipients().isHashed()).isTrue();
        assertThat(settings.senders().isHashed()).isFalse();
        assertThat(settings.rotateBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(settings.rotateDaily()).isTrue();
        assertThat(settings.retention()).isEqualTo(Duration.ZERO);
        assertThat(settings.sync()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void fromShouldReadTheSyncPolicyWhenGiven() {
        assertThat(AuditSettings.from(props(AuditSettings.HASH_KEY, KEY, AuditSettings.SYNC, "always"), "f").sync()).isZero();
        assertThat(AuditSettings.from(props(AuditSettings.HASH_KEY, KEY, AuditSettings.SYNC, "250ms"), "f").sync())
            .isEqualTo(Duration.ofMillis(250));
        assertThat(AuditSettings.from(props(AuditSettings.HASH_KEY, KEY, AuditSettings.SYNC, "5s"), "f").sync())
            .isEqualTo(Duration.ofSeconds(5));
        for (String bad : new String[] {"sometimes", "5ms", "61s", "-1s", "1m", "s"}) {
            assertThatThrownBy(() -> AuditSettings.from(props(AuditSettings.HASH_KEY, KEY, AuditSettings.SYNC, bad), "f"))
                .hasMessageContaining(AuditSettings.SYNC).hasMessageContaining(bad);
        }
    }

    @Test
    void fromShouldReadEveryKeyWhenGiven() {
        AuditSettings settings = AuditSettings.from(props(AuditSettings.DIRECTORY, "/srv/audit", AuditSettings.RECIPIENTS, "full",
            AuditSettings.ROTATE_BYTES, "1000", AuditSettings.ROTATE_DAILY, "false", AuditSettings.RETENTION, "400d"), "f");

        assertThat(settings.directory()).isEqualTo("/srv/audit");
        assertThat(settings.recipients().isHashed()).isFalse();
        assertThat(settings.rotateBytes()).isEqualTo(1000);
        assertThat(settings.rotateDaily()).isFalse();
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(400));
    }

    @Test
    void fromShouldFailWhenHashingWithoutAKey() {
        assertThatThrownBy(() -> AuditSettings.from(props(), "conf/sendguard-audit.properties"))
            .hasMessageContaining("conf/sendguard-audit.properties").hasMessageContaining(AuditSettings.HASH_KEY);
    }

    @Test
    void fromShouldFailWhenTheKeyIsShorterThan32Bytes() {
        assertThatThrownBy(() -> AuditSettings.from(props(AuditSettings.HASH_KEY, "short"), "f"))
            .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void fromShouldAcceptABase64KeyWhenPrefixed() {
        assertThat(AuditSettings.from(props(AuditSettings.HASH_KEY, "base64:" + java.util.Base64.getEncoder()
            .encodeToString(new byte[32])), "f").recipients().isHashed()).isTrue();
    }

    @Test
    void fromShouldFailNamingTheKeyWhenAValueIsBad() {
        assertThatThrownBy(() -> AuditSettings.from(props(AuditSettings.RECIPIENTS, "partly"), "f")).hasMessageContaining(AuditSettings.RECIPIENTS);
        assertThatThrownBy(() -> AuditSettings.from(props(AuditSettings.HASH_KEY, KEY, AuditSettings.ROTATE_BYTES, "-1"), "f"))
            .hasMessageContaining(AuditSettings.ROTATE_BYTES);
        assertThatThrownBy(() -> AuditSettings.from(props(AuditSettings.HASH_KEY, KEY, AuditSettings.RETENTION, "3w"), "f"))
            .hasMessageContaining(AuditSettings.RETENTION);
        assertThatThrownBy(() -> AuditSettings.from(props(AuditSettings.HASH_KEY, KEY, AuditSettings.ROTATE_DAILY, "maybe"), "f"))
            .hasMessageContaining(AuditSettings.ROTATE_DAILY);
        assertThatThrownBy(() -> AuditSettings.from(props(AuditSettings.HASH_KEY, KEY, "audit.retension", "3"), "f"))
            .hasMessageContaining("audit.retension");
    }
}
