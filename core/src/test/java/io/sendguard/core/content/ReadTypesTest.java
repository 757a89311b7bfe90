package io.sendguard.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReadTypesTest {
    private static AttachmentTypeDetector detector;

    @BeforeAll
    static void setUp() {
        detector = new AttachmentTypeDetector();
    }

    private static String typeOf(byte[] content, String name) throws IOException {
        return detector.detect(new ByteArrayInputStream(content), name).trueType();
    }

    @Test
    void crc16ShouldBeTheArcVariantLhaUses() {
        assertThat(LzhTestArchives.crc16("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xBB3D);
    }

    @Test
    void isReadShouldBeFalseWhenTheAttachmentIsAStoredLzhWithTextInside() throws IOException {
        byte[] lzh = LzhTestArchives.lzhStored("kakaku.txt", "社外秘".getBytes(StandardCharsets.UTF_8));

        String type = typeOf(lzh, "kakaku.lzh");

        assertThat(type).isEqualTo("application/x-lharc");
        assertThat(ReadTypes.isRead(detector, type)).isFalse();
    }

    @Test
    void isReadShouldBeFalseWhenTheArchiveFormatHasNoReaderOrTheBytesAreUnknown() throws IOException {
        assertThat(typeOf(LzhTestArchives.arjStart(), null)).isEqualTo("application/x-arj");
        assertThat(typeOf(LzhTestArchives.cabStart(), null)).isEqualTo("application/vnd.ms-cab-compressed");
        assertThat(typeOf(new byte[] {0, 1, 2, 3, (byte) 0xFE, 0, 7}, "data.bin")).isEqualTo("application/octet-stream");
        for (String type : new String[] {"application/x-arj", "application/vnd.ms-cab-compressed", "application/octet-stream",
            "application/x-rar-compressed", "application/x-lha", "image/png", "image/jpeg", "video/mp4",
            "application/x-msdownload", "application/pkcs7-signature"}) {
            assertThat(ReadTypes.isRead(detector, type)).as(type).isFalse();
        }
    }

    @Test
    void isReadShouldBeTrueForDocumentsMailsAndTheArchivesThatAreUnpacked() {
        for (String type : new String[] {"text/plain", "text/csv", "text/html", "application/xml", "application/pdf",
            "application/rtf", "application/msword", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-excel.sheet.macroenabled.12", "application/vnd.oasis.opendocument.text",
            "message/rfc822", "application/vnd.ms-outlook", "application/vnd.ms-tnef", "application/zip",
            "application/x-7z-compressed", "application/x-tar", "application/gzip"}) {
            assertThat(ReadTypes.isRead(detector, type)).as(type).isTrue();
        }
    }

    /**
     * The list must never claim a type nobody reads: each root has a real parser among the bundled Tika modules, found
     * the way Tika's own composite parser finds it (the type, else its nearest supertype: a generic OOXML file is
     * unpacked as the ZIP it is).
     */
    @Test
    void everyReadRootShouldHaveAParserInTheBundledTikaModules() {
        TikaConfig config = TikaConfig.getDefaultConfig();
        Map<MediaType, Parser> parsers = ((CompositeParser) config.getParser()).getParsers(new ParseContext());
        MediaTypeRegistry registry = config.getMediaTypeRegistry();
        for (String root : ReadTypes.ROOTS) {
            MediaType type = registry.normalize(MediaType.parse(root));
            while (type != null && !parsers.containsKey(type)) {
                type = registry.getSupertype(type);
            }
            assertThat(type).as(root).isNotNull().isNotEqualTo(MediaType.OCTET_STREAM);
            assertThat(parsers.get(type)).as(root).isNotInstanceOf(EmptyParser.class);
        }
        for (String odf : new String[] {"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet"}) {
            assertThat(parsers.get(MediaType.parse(odf))).as(odf).isNotNull();
        }
    }
}
