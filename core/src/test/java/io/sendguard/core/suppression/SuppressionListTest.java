package io.sendguard.core.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.core.MutableClock;

class SuppressionListTest {
    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));

    private Path conf() {
        return dir.resolve("sendguard-suppression.txt");
    }

    private Path store() {
        return dir.resolve("var/sendguard/suppression");
    }

    private SuppressionList open() throws Exception {
        return SuppressionList.open(conf(), store(), clock, Duration.ofSeconds(10));
    }

    private void writeConf(String content, long modifiedSeconds) throws Exception {
        Files.writeString(conf(), content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(conf(), FileTime.fromMillis(modifiedSeconds * 1000));
    }

    @Test
    void findShouldMatchAnAddressOrItsDomainOrAParentDomain() throws Exception {
        writeConf("bob@partner.example\n@unsubscribed.example\n", 1000);
        SuppressionList list = open();

        assertThat(list.find("bob@partner.example")).hasValueSatisfying(e -> {
            assertThat(e.value()).isEqualTo("bob@partner.example");
            assertThat(e.reason()).isEqualTo(SuppressionReason.LISTED);
            assertThat(e.source()).isEqualTo(SuppressionEntry.Source.CONF_FILE);
        });
        assertThat(list.find("anyone@mail.unsubscribed.example")).hasValueSatisfying(e -> assertThat(e.value()).isEqualTo("@unsubscribed.example"));
        assertThat(list.find("carol@partner.example")).isEmpty();
        assertThat(list.find("x@notunsubscribed.example")).isEmpty();
    }

    @Test
    void openShouldGiveAnEmptyListWhenTheFileIsMissing() throws Exception {
        assertThat(open().entries()).isEmpty();
    }

    @Test
    void openShouldNameTheLineWhenTheFileIsBroken() throws Exception {
        writeConf("ok@partner.example\nbroken\n", 1000);

        assertThatThrownBy(this::open).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    @Test
    void findShouldSeeAChangedFileAfterTheCheckInterval() throws Exception {
        writeConf("bob@partner.example\n", 1000);
        SuppressionList list = open();
        writeConf("carol@partner.example\n", 2000);

        assertThat(list.find("carol@partner.example")).isEmpty(); // not checked yet
        clock.advance(Duration.ofSeconds(11));

        assertThat(list.find("carol@partner.example")).isPresent();
        assertThat(list.find("bob@partner.example")).isEmpty();
    }

    @Test
    void findShouldKeepThePreviousListWhenTheChangedFileIsBroken() throws Exception {
        writeConf("bob@partner.example\n", 1000);
        SuppressionList list = open();
        writeConf("carol@partner.example\nbroken line here\n", 2000);
        clock.advance(Duration.ofSeconds(11));

        assertThat(list.find("bob@partner.example")).isPresent();
        assertThat(list.find("carol@partner.example")).isEmpty();

        writeConf("carol@partner.example\n", 3000);
        clock.advance(Duration.ofSeconds(11));
        assertThat(list.find("carol@partner.example")).isPresent();
    }

    @Test
    void putShouldPersistAdminEntriesWhenReopened() throws Exception {
        SuppressionList list = open();

        SuppressionEntry entry = list.put("Dave@Partner.Example", SuppressionReason.BOUNCED);

        assertThat(entry.value()).isEqualTo("dave@partner.example");
        assertThat(entry.addedAt()).contains(clock.instant());
        SuppressionList reopened = open();
        assertThat(reopened.find("dave@partner.example")).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(SuppressionReason.BOUNCED);
            assertThat(e.source()).isEqualTo(SuppressionEntry.Source.WEBADMIN);
        });
        assertThat(reopened.entries()).hasSize(1);
    }

    @Test
    void entriesShouldBeTheUnionOfTheFileAndTheAdminEntries() throws Exception {
        writeConf("bob@partner.example\n", 1000);
        SuppressionList list = open();
        list.put("@bounced.example", SuppressionReason.MANUAL);

        assertThat(list.entries()).extracting(SuppressionEntry::value).containsExactly("bob@partner.example", "@bounced.example");
        assertThat(list.find("x@bounced.example")).isPresent();
    }

    @Test
    void removeShouldForgetAnAdminEntryDurably() throws Exception {
        SuppressionList list = open();
        list.put("dave@partner.example", SuppressionReason.UNSUBSCRIBED);

        assertThat(list.remove("DAVE@partner.example")).isTrue();

        assertThat(list.find("dave@partner.example")).isEmpty();
        assertThat(open().find("dave@partner.example")).isEmpty();
    }

    @Test
    void removeShouldBeFalseWhenTheEntryIsUnknownOrOnlyInTheFile() throws Exception {
        writeConf("bob@partner.example\n", 1000);
        SuppressionList list = open();

        assertThat(list.remove("nobody@partner.example")).isFalse();
        assertThat(list.remove("bob@partner.example")).isFalse();
        assertThat(list.fileLists("bob@partner.example")).isTrue();
    }

    @Test
    void putShouldRefuseAnInvalidEntry() throws Exception {
        SuppressionList list = open();

        assertThatThrownBy(() -> list.put("not an address", SuppressionReason.MANUAL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> list.put("@", SuppressionReason.MANUAL)).isInstanceOf(IllegalArgumentException.class);
        assertThat(list.entries()).isEmpty();
    }

    @Test
    void parseAdminReasonShouldRefuseListed() {
        assertThatThrownBy(() -> SuppressionReason.parseAdminReason("listed")).hasMessageContaining("unsubscribed, bounced or manual");
        assertThat(SuppressionReason.parseAdminReason(" Bounced ")).isEqualTo(SuppressionReason.BOUNCED);
    }
}
