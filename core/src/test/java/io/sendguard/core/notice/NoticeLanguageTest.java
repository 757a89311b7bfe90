package io.sendguard.core.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class NoticeLanguageTest {
    @Test
    void parseShouldAcceptJaEnAndBothIgnoringCaseAndRefuseAnythingElse() {
        assertThat(NoticeLanguage.parse("ja")).isEqualTo(NoticeLanguage.JA);
        assertThat(NoticeLanguage.parse(" EN ")).isEqualTo(NoticeLanguage.EN);
        assertThat(NoticeLanguage.parse("both")).isEqualTo(NoticeLanguage.BOTH);
        assertThatThrownBy(() -> NoticeLanguage.parse("jp")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'jp'").hasMessageContaining("ja, en or both");
    }

    @Test
    void bothShouldPutJapaneseFirst() {
        assertThat(NoticeLanguage.BOTH.parts()).isEqualTo(List.of("ja", "en"));
        assertThat(NoticeLanguage.EN.parts()).isEqualTo(List.of("en"));
    }

    @Test
    void subjectPrefixShouldJoinBothPrefixesLeavingOutABlankOne() {
        assertThat(NoticeLanguage.BOTH.subjectPrefix("[送信保留] ", "[Held] ")).isEqualTo("[送信保留][Held] ");
        assertThat(NoticeLanguage.BOTH.subjectPrefix("", "[Held] ")).isEqualTo("[Held] ");
        assertThat(NoticeLanguage.JA.subjectPrefix("[送信保留] ", "[Held] ")).isEqualTo("[送信保留] ");
        assertThat(NoticeLanguage.EN.subjectPrefix("[送信保留] ", "[Held] ")).isEqualTo("[Held] ");
    }
}
