package io.sendguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writeShouldEscapeQuotesBackslashesAndControlCharactersWhenWritingStrings() {
        assertThat(Json.write("a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj\u007fk"))
            .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001fj\\u007fk\"");
    }

    @Test
    void writeShouldKeepJapaneseTextAsIsWhenWritingStrings() {
        assertThat(Json.write("社外秘の見積書 ／ ｶﾀｶﾅ 🍣")).isEqualTo("\"社外秘の見積書 ／ ｶﾀｶﾅ 🍣\"");
    }

    @Test
    void writeShouldEscapeLineSeparatorsAndLoneSurrogatesWhenPresent() {
        assertThat(Json.write("a\u2028b\u2029c\ud800d")).isEqualTo("\"a\\u2028b\\u2029c\\ud800d\"");
    }

    @Test
    void parseShouldReturnWhatWriteWroteWhenRoundTripping() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seq", 42L);
        map.put("text", "社外秘\n\"quoted\"\u0000\ud83c\udf63\ud800");
        map.put("list", List.of("a", "b"));
        map.put("nested", Map.of("k", "v"));
        map.put("flag", true);
        map.put("nothing", null);
        map.put("negative", -7L);

        String written = Json.write(map);

        assertThat(Json.parse(written)).isEqualTo(map);
        assertThat(Json.write(Json.parse(written))).isEqualTo(written);
    }

    @Test
    void writeShouldKeepKeysInInsertionOrderWhenWritingObjects() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1L);
        map.put("a", 2L);

        assertThat(Json.write(map)).isEqualTo("{\"z\":1,\"a\":2}");
    }

    @Test
    void parseShouldAcceptWhitespaceAndEscapedSlashWhenGiven() {
        assertThat(Json.parse(" { \"a\" : [ 1 , \"x\\/y\" ] , \"b\":\"\\u3042\" } "))
            .isEqualTo(Map.of("a", List.of(1L, "x/y"), "b", "あ"));
    }

    @Test
    void parseShouldFailNamingTheOffsetWhenTheTextIsBroken() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).hasMessageContaining("offset");
        assertThatThrownBy(() -> Json.parse("{\"a\":\"unterminated}")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Json.parse("{\"a\":1}x")).hasMessageContaining("after the value");
        assertThatThrownBy(() -> Json.parse("\"raw\ncontrol\"")).hasMessageContaining("control character");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> Json.parse("1.5")).hasMessageContaining("integers");
        assertThatThrownBy(() -> Json.parse("\"\\x\"")).hasMessageContaining("bad escape");
        assertThatThrownBy(() -> Json.parse("\"\\u12\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseShouldRefuseDeepNestingWhenAboveTheLimit() {
        assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100))).hasMessageContaining("nested too deeply");
    }
}
