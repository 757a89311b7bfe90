package io.sendguard.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir
    Path work;

    @Test
    void obtainShouldGenerateAMissingKeyOnceWithMode0600AndReuseIt() throws Exception {
        Path directory = work.resolve("var/sendguard/secrets");

        byte[] first = Secrets.generatedIn(directory).obtain(null, "conf/x.properties", "links.secret");
        byte[] again = Secrets.generatedIn(directory).obtain("  ", "conf/x.properties", "links.secret");

        assertThat(first).hasSize(Secrets.GENERATED_BYTES).isEqualTo(again);
        Path file = directory.resolve("links.secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(Files.readString(file).trim()).isEqualTo("base64:" + Base64.getEncoder().encodeToString(first));
        try (var left = Files.list(directory)) {
            assertThat(left).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void obtainShouldGiveEachKeyItsOwnRandomValue() {
        Secrets secrets = Secrets.generatedIn(work);

        assertThat(secrets.obtain(null, "f", "history.key")).isNotEqualTo(secrets.obtain(null, "f", "audit.hashKey"));
    }

    @Test
    void obtainShouldPreferTheConfiguredValueInPlainTextOrBase64() {
        Secrets secrets = Secrets.generatedIn(work);
        byte[] raw = new byte[40];
        raw[3] = 7;

        assertThat(secrets.obtain("base64:" + Base64.getUrlEncoder().encodeToString(raw), "f", "k")).isEqualTo(raw);
        assertThat(secrets.obtain("0123456789abcdef0123456789abcdef", "f", "k"))
            .isEqualTo("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        assertThat(work.resolve("k")).doesNotExist();
    }

    @Test
    void obtainShouldRefuseAShortValueNamingTheFileAndKey() {
        assertThatThrownBy(() -> Secrets.generatedIn(work).obtain("short", "conf/sendguard.properties", "links.secret"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("conf/sendguard.properties").hasMessageContaining("links.secret").hasMessageContaining("32");
        assertThatThrownBy(() -> Secrets.generatedIn(work).obtain("base64:QUJD", "f", "k")).hasMessageContaining("has 3");
    }

    @Test
    void obtainShouldRefuseEveryPublishedSampleValue() {
        for (String sample : new String[] {
            "base64:c2VuZGd1YXJkLWRlbW8tc2VjcmV0LWNoYW5nZS1tZS1iZWZvcmUtcHJvZHVjdGlvbg==",
            "base64:T2HQFIMUeeVX80CGDQFUYi+ead/1Na50aFT09svhinAscRrzqnQs4iJr33wrzEQI",
            "base64:c2VuZGd1YXJkLWRlbW8tYXVkaXQta2V5LWNoYW5nZS1tZS1iZWZvcmUtcHJvZHVjdGlvbg==",
            "sendguard-demo-secret-change-me-before-production"}) {
            assertThatThrownBy(() -> Secrets.generatedIn(work).obtain(sample, "conf/a.properties", "audit.hashKey"))
                .hasMessageContaining("conf/a.properties").hasMessageContaining("audit.hashKey").hasMessageContaining("published");
        }
    }

    @Test
    void obtainShouldRefuseAGeneratedFileSomebodyShortenedNamingIt() throws Exception {
        Files.writeString(work.resolve("history.key"), "tiny\n");

        assertThatThrownBy(() -> Secrets.generatedIn(work).obtain(null, "conf/h.properties", "history.key"))
            .hasMessageContaining(work.resolve("history.key").toString()).hasMessageContaining("history.key");
    }

    @Test
    void configuredOnlyShouldRequireTheKey() {
        assertThatThrownBy(() -> Secrets.configuredOnly().obtain(null, "conf/h.properties", "history.key"))
            .hasMessageContaining("conf/h.properties").hasMessageContaining("history.key").hasMessageContaining("required");
    }
}
