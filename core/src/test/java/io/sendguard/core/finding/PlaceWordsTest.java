package io.sendguard.core.finding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceWordsTest {
    private static String ja(String location) {
        return PlaceWords.japanese(location).then("に");
    }

    private static String en(String location) {
        return PlaceWords.english(location).text;
    }

    @Test
    void japaneseShouldSayEveryKindOfLocationInWords() {
        assertThat(ja("subject")).isEqualTo("件名に");
        assertThat(ja("body")).isEqualTo("本文に");
        assertThat(ja("body:text/plain")).isEqualTo("本文に");
        assertThat(ja("body:text/html")).isEqualTo("本文（HTML）に");
        assertThat(ja("message")).isEqualTo("このメールに");
        assertThat(ja("envelope")).isEqualTo("宛先に");
        assertThat(ja("header:To/Cc")).isEqualTo("宛先欄（To/Cc）に");
        assertThat(ja("domain:partner.example")).isEqualTo("partner.example に");
        assertThat(ja("recipient:bob@partner.example")).isEqualTo("宛先 bob@partner.example に");
        assertThat(ja("attachment:見積書.xlsx")).isEqualTo("添付ファイル 見積書.xlsx に");
        assertThat(ja("attachment:a.zip!/b.exe")).isEqualTo("添付ファイル a.zip 内の b.exe に");
        assertThat(ja("attachment:outer.zip!/docs/inner.zip!/setup.exe"))
            .isEqualTo("添付ファイル outer.zip 内の docs/inner.zip 内の setup.exe に");
        assertThat(ja("attachment-name:customer_123.txt")).isEqualTo("添付ファイル名 customer_123.txt に");
        assertThat(ja("attachment-name:a.zip!/dir/customer.txt")).isEqualTo("添付ファイル a.zip 内のファイル名 dir/customer.txt に");
        assertThat(ja("attachment:fwd.eml!/subject")).isEqualTo("添付ファイル fwd.eml の件名に");
        assertThat(ja("attachment:fwd.eml!/body:text/plain")).isEqualTo("添付ファイル fwd.eml の本文に");
        assertThat(ja("attachment:fwd.eml!/attachment:kakaku.lzh")).isEqualTo("添付ファイル fwd.eml の添付ファイル kakaku.lzh に");
        assertThat(ja("part:application/pdf")).isEqualTo("本文の一部（application/pdf）に");
        assertThat(ja("body:text/plain (+2 more)")).isEqualTo("本文ほか 2 か所に");
        assertThat(ja("attachment:a.csv (+1 more)")).isEqualTo("添付ファイル a.csv ほか 1 か所に");
        assertThat(ja("")).isEqualTo("このメールに");
        assertThat(ja("somewhere-new")).isEqualTo("somewhere-new に");
    }

    @Test
    void englishShouldSayEveryKindOfLocationInWords() {
        assertThat(en("subject")).isEqualTo("the subject");
        assertThat(en("body:text/plain")).isEqualTo("the body");
        assertThat(en("body:text/html")).isEqualTo("the HTML body");
        assertThat(en("message")).isEqualTo("the mail");
        assertThat(en("envelope")).isEqualTo("the recipients");
        assertThat(en("header:To/Cc")).isEqualTo("the To/Cc header");
        assertThat(en("domain:partner.example")).isEqualTo("the domain partner.example");
        assertThat(en("recipient:bob@partner.example")).isEqualTo("the recipient bob@partner.example");
        assertThat(en("attachment:見積書.xlsx")).isEqualTo("the attachment 見積書.xlsx");
        assertThat(en("attachment:outer.zip!/docs/inner.zip!/setup.exe"))
            .isEqualTo("the file setup.exe in docs/inner.zip in the attachment outer.zip");
        assertThat(en("attachment-name:customer_123.txt")).isEqualTo("the name of the attachment customer_123.txt");
        assertThat(en("attachment-name:a.zip!/dir/customer.txt")).isEqualTo("the name of the file dir/customer.txt in the attachment a.zip");
        assertThat(en("attachment:fwd.eml!/subject")).isEqualTo("the subject in the attachment fwd.eml");
        assertThat(en("part:application/pdf")).isEqualTo("a part of type application/pdf");
        assertThat(en("body:text/plain (+1 more)")).isEqualTo("the body (and 1 more place)");
        assertThat(en("somewhere-new")).isEqualTo("“somewhere-new”");
        assertThat(PlaceWords.english("attachment:a.pdf").capitalized()).isEqualTo("The attachment a.pdf");
    }
}
