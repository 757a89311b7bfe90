package io.sendguard.mailets.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class NoticeTextsTest {
    @Test
    void builtInWordsShouldFollowTheNamesOfTheSettings() {
        NoticeTexts ja = NoticeTexts.of("ja", Map.of());
        NoticeTexts en = NoticeTexts.of("en", Map.of());

        assertThat(ja.heldSubject).isEqualTo("[送信保留] ");
        assertThat(ja.footer).contains("Sendguard");
        assertThat(en.cancelLink).isEqualTo("Cancel this mail");
        assertThat(en.expiredSubject).isEqualTo("[Approval expired] ");
    }

    @Test
    void replacedTextsShouldReplaceOnlyTheirOwnWords() {
        NoticeTexts texts = NoticeTexts.of("ja", Map.of("footer", "-- \n情報システム部", "cancelLink", "取り消す"));

        assertThat(texts.footer).isEqualTo("-- \n情報システム部");
        assertThat(texts.cancelLink).isEqualTo("取り消す");
        assertThat(texts.sendNowLink).isEqualTo("今すぐ送信する");
        assertThat(texts.heldSubject).isEqualTo("[送信保留] ");
    }

    @Test
    void anUnknownNameShouldBeRefusedNamingTheKey() {
        assertThatThrownBy(() -> NoticeTexts.of("en", Map.of("fotter", "x")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notice.text.fotter");
    }
}
