package io.sendguard.inspection.keyword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryHolderTest {
    @TempDir
    Path dir;

    @Test
    void reloadShouldSwapInChangedDictionaryAndKeepOldOneWhenNewFileIsBroken() throws Exception {
        Path file = dir.resolve("keywords.dict");
        write(file, "[category=c severity=high]\n社外秘\n", 1_000_000);
        DictionaryHolder holder = DictionaryHolder.load(file);
        assertThat(holder.current().rules()).hasSize(1);
        assertThat(holder.reloadIfChanged()).isFalse();

        write(file, "[category=c severity=high]\n社外秘\n極秘\n", 2_000_000);
        assertThat(holder.reloadIfChanged()).isTrue();
        KeywordDictionary good = holder.current();
        assertThat(good.rules()).hasSize(2);

        write(file, "[category=c severity=high]\n社外秘\nre:[broken\n", 3_000_000);
        assertThat(holder.reloadIfChanged()).isFalse();
        assertThat(holder.current()).isSameAs(good);
        assertThat(holder.lastError()).get().asString().contains("keywords.dict:3");
        assertThat(holder.reloadIfChanged()).isFalse();

        write(file, "[category=c severity=high]\n部外秘\n", 4_000_000);
        assertThat(holder.reloadIfChanged()).isTrue();
        assertThat(holder.current().rules()).extracting(KeywordRule::pattern).containsExactly("部外秘");
        assertThat(holder.lastError()).isEmpty();
    }

    @Test
    void loadShouldFailWhenInitialFileIsBroken() throws Exception {
        Path file = dir.resolve("bad.dict");
        write(file, "社外秘\n", 1_000_000);
        assertThatThrownBy(() -> DictionaryHolder.load(file)).isInstanceOf(KeywordDictionaryException.class);
    }

    private static void write(Path file, String text, long mtime) throws Exception {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    }
}
