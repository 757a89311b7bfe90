package io.sendguard.mailets.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sendguard.core.finding.Finding;
import io.sendguard.core.finding.Severity;

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
    void bothShouldBeAJapanesePartWithTheReplacedTextsThenAnEnglishPartWithTheBuiltInOnes() {
        List<NoticeTexts> parts = NoticeTexts.parts("both", Map.of("footer", "-- \n情報システム部"));

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).heldSubject).isEqualTo("[送信保留] ");
        assertThat(parts.get(0).footer).isEqualTo("-- \n情報システム部");
        assertThat(parts.get(0).findingWords.describe(FIRST_TIME)).isEqualTo("partner.example へは初めての送信です");
        assertThat(parts.get(1).heldSubject).isEqualTo("[Held] ");
        assertThat(parts.get(1).footer).isEqualTo("-- \nSendguard outbound mail guard");
        assertThat(parts.get(1).findingWords.describe(FIRST_TIME)).isEqualTo("This is the first mail to partner.example");
        assertThat(NoticeTexts.parts("en", Map.of())).singleElement().satisfies(t -> assertThat(t.cancelLink).isEqualTo("Cancel this mail"));
    }

    private static final Finding FIRST_TIME = Finding.of("recipients.first-time-domain", "recipients", Severity.LOW,
        "domain:partner.example", "first mail from this sender to partner.example");

    @Test
    void anUnknownNameShouldBeRefusedNamingTheKey() {
        assertThatThrownBy(() -> NoticeTexts.of("en", Map.of("fotter", "x")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notice.text.fotter");
    }
}
