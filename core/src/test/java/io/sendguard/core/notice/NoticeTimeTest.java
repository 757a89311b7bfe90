package io.sendguard.core.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class NoticeTimeTest {
    @Test
    void formatShouldGiveTheMinuteInTheZoneWithItsShortName() {
        Instant instant = Instant.parse("2026-12-08T00:15:42Z");

        assertThat(new NoticeTime(ZoneId.of("Asia/Tokyo")).format(instant)).isEqualTo("2026-12-08 09:15 (JST)");
        assertThat(new NoticeTime(ZoneId.of("UTC")).format(instant)).isEqualTo("2026-12-08 00:15 (UTC)");
        assertThat(new NoticeTime(ZoneId.of("Asia/Tokyo")).format(null)).isEqualTo("-");
    }

    @Test
    void parseZoneShouldTakeAnyZoneIdAndTheSystemZoneWhenBlank() {
        assertThat(NoticeTime.parseZone(" Asia/Tokyo ")).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(NoticeTime.parseZone("+09:00")).isEqualTo(ZoneId.of("+09:00"));
        assertThat(NoticeTime.parseZone("")).isEqualTo(ZoneId.systemDefault());
        assertThat(NoticeTime.parseZone(null)).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void parseZoneShouldRefuseAZoneThatDoesNotExistNamingIt() {
        assertThatThrownBy(() -> NoticeTime.parseZone("Asia/Tokio")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Asia/Tokio");
    }
}
