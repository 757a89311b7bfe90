package io.sendguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendguardWebTest {
    @TempDir
    Path dir;

    @Test
    void aTakenPortShouldStopStartupNamingTheKeys() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             WebFixture fixture = WebFixture.of(dir, "en")) {
            SendguardWeb second = new SendguardWeb(fixture.web);
            assertThatThrownBy(() -> second.startOn(taken.getLocalPort()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                .hasMessageContaining("web.host").hasMessageContaining("web.port");
        }
    }

    @Test
    void badSettingsShouldNameTheFileAndTheKey() {
        assertThatThrownBy(() -> settings(Map.of("web.port", "80x")))
            .hasMessageContaining("sendguard.properties").hasMessageContaining("web.port");
        assertThatThrownBy(() -> settings(Map.of("web.prot", "8025")))
            .hasMessageContaining("unknown key(s) [web.prot]");
        assertThatThrownBy(() -> settings(Map.of("web.baseUrl", "ftp://x")))
            .hasMessageContaining("web.baseUrl");
        assertThatThrownBy(() -> settings(Map.of("web.tls.keystore", "/no/such.p12")))
            .hasMessageContaining("web.tls.keystore");
        assertThatThrownBy(() -> settings(Map.of("web.session.idle", "9h", "web.session.max", "8h")))
            .hasMessageContaining("web.session.idle");
    }

    @Test
    void theBaseUrlShouldFollowHostAndPortUnlessSet() {
        assertThat(settings(Map.of("web.port", "9025")).baseUrl()).isEqualTo("http://127.0.0.1:9025");
        assertThat(settings(Map.of("web.host", "0.0.0.0")).baseUrl()).isEqualTo("http://localhost:8025");
        assertThat(settings(Map.of("web.baseUrl", "https://sendguard.example.com/")).baseUrl())
            .isEqualTo("https://sendguard.example.com");
        assertThat(settings(Map.of("links.baseUrl", "https://old.example.com")).baseUrl()).isEqualTo("https://old.example.com");
    }

    private static WebSettings settings(Map<String, String> values) {
        Properties p = new Properties();
        values.forEach(p::setProperty);
        return WebSettings.from(p, "conf/sendguard.properties", Path::of, Map.of());
    }
}
