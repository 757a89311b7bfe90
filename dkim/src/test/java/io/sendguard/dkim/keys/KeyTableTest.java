package io.sendguard.dkim.keys;

import io.sendguard.dkim.DkimAlgorithm;
import io.sendguard.dkim.DkimConfigurationException;
import io.sendguard.dkim.DkimSigningKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyTableTest {
    @TempDir
    Path dir;
    Path table;

    @BeforeEach
    void keys() throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        KeyFixtures.writeEd25519Seed(dir.resolve("keys/ed1.key"), new byte[32]);
        byte[] other = new byte[32];
        other[0] = 1;
        KeyFixtures.writeEd25519Seed(dir.resolve("keys/ed2.key"), other);
        KeyFixtures.writePkcs8(dir.resolve("keys/rsa.pem"), KeyFixtures.rsaKey(1024));
        table = dir.resolve("keytable");
    }

    private KeyTable load(boolean fallback, String... lines) throws Exception {
        Files.write(table, java.util.Arrays.asList(lines));
        return KeyTable.load(table, dir, fallback);
    }

    @Test
    void loadShouldParseEntriesCommentsAndStatuses() throws Exception {
        KeyTable keyTable = load(false,
                "# domain selector algorithm keyfile status",
                "",
                "Example.com  s1  rsa  keys/rsa.pem  active   # comment",
                "example.com  e1  ed25519-sha256  keys/ed1.key",
                "example.com  e0  ed25519  keys/does-not-exist.key  inactive");

        assertThat(keyTable.entries()).hasSize(3);
        assertThat(keyTable.activeKeys("EXAMPLE.com")).extracting(DkimSigningKey::selector).containsExactly("s1", "e1");
        assertThat(keyTable.activeKey("example.com", DkimAlgorithm.ED25519_SHA256)).get()
                .extracting(DkimSigningKey::selector).isEqualTo("e1");
        assertThat(keyTable.entries().get(2).active()).isFalse();
        assertThat(keyTable.entries().get(2).lineNumber()).isEqualTo(5);
    }

    @Test
    void lookupShouldFallBackToParentDomainWhenConfigured() throws Exception {
        String line = "example.com e1 ed25519 keys/ed1.key";

        assertThat(load(true, line).activeKeys("mail.sub.example.com")).extracting(DkimSigningKey::domain)
                .containsExactly("example.com");
        assertThat(load(false, line).activeKeys("sub.example.com")).isEmpty();
    }

    @Test
    void lookupShouldPreferOwnKeysOverParent() throws Exception {
        KeyTable keyTable = load(true, "example.com e1 ed25519 keys/ed1.key", "sub.example.com e2 ed25519 keys/ed2.key");

        assertThat(keyTable.activeKeys("sub.example.com")).extracting(DkimSigningKey::selector).containsExactly("e2");
        assertThat(keyTable.activeKeys("other.org")).isEmpty();
    }

    @Test
    void loadShouldRejectTwoActiveKeysForSameDomainAndAlgorithm() {
        assertThatThrownBy(() -> load(false, "# keys", "example.com e1 ed25519 keys/ed1.key",
                "example.com e2 ed25519 keys/ed2.key active"))
                .isInstanceOf(DkimConfigurationException.class)
                .hasMessageContaining(table.toString()).hasMessageContaining("line 3").hasMessageContaining("line 2");
    }

    @Test
    void loadShouldAcceptSeveralSelectorsWhenOnlyOneActive() throws Exception {
        KeyTable keyTable = load(false, "example.com e1 ed25519 keys/ed1.key inactive",
                "example.com e2 ed25519 keys/ed2.key active");

        assertThat(keyTable.activeKeys("example.com")).extracting(DkimSigningKey::selector).containsExactly("e2");
    }

    @Test
    void loadShouldReportLineNumbersOfSyntaxErrors() {
        assertThatThrownBy(() -> load(false, "example.com e1 ed25519 keys/ed1.key", "", "example.com e2 ed25519"))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining(table + " line 3");
        assertThatThrownBy(() -> load(false, "example.com e1 dsa keys/ed1.key"))
                .hasMessageContaining("line 1").hasMessageContaining("unknown algorithm 'dsa'");
        assertThatThrownBy(() -> load(false, "#", "exa mple..com e1 ed25519 keys/ed1.key extra"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> load(false, "bad..domain e1 ed25519 keys/ed1.key"))
                .hasMessageContaining("line 1").hasMessageContaining("invalid domain");
        assertThatThrownBy(() -> load(false, "example.com e1 ed25519 keys/ed1.key maybe"))
                .hasMessageContaining("line 1").hasMessageContaining("invalid status");
        assertThatThrownBy(() -> load(false, "example.com e1 ed25519 keys/ed1.key", "example.com e1 rsa keys/rsa.pem"))
                .hasMessageContaining("line 2").hasMessageContaining("already listed on line 1");
    }

    @Test
    void loadShouldReportLineNumberAndKeyFileWhenKeyCannotBeLoaded() {
        assertThatThrownBy(() -> load(false, "# x", "example.com s1 rsa keys/ed1.key"))
                .isInstanceOf(DkimConfigurationException.class)
                .hasMessageContaining("line 2").hasMessageContaining(dir.resolve("keys/ed1.key").toString());
    }

    @Test
    void loadShouldRejectMissingTableFile() {
        assertThatThrownBy(() -> KeyTable.load(dir.resolve("nope"), dir, false))
                .isInstanceOf(DkimConfigurationException.class).hasMessageContaining("nope");
    }

    @Test
    void reloadShouldReturnNewTableWithFileChanges() throws Exception {
        KeyTable first = load(false, "example.com e1 ed25519 keys/ed1.key");
        Files.writeString(table, "example.com e1 ed25519 keys/ed1.key inactive\nexample.com e2 ed25519 keys/ed2.key\n");

        KeyTable second = first.reload();

        assertThat(first.activeKeys("example.com")).extracting(DkimSigningKey::selector).containsExactly("e1");
        assertThat(second.activeKeys("example.com")).extracting(DkimSigningKey::selector).containsExactly("e2");
    }
}
