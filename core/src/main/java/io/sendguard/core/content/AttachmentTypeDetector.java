package io.sendguard.core.content;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Detects the true type of an attachment from its bytes with Apache Tika (magic numbers and, for
 * Office and other zip/OLE containers, the container's content), and compares it with the type the
 * file name claims. Thread-safe; create once (Tika's configuration takes about a second to load).
 */
public final class AttachmentTypeDetector {
    private static final MediaType OCTET_STREAM = MediaType.OCTET_STREAM;
    private static final java.util.Set<String> PKCS7 = java.util.Set.of("application/pkcs7-signature", "application/pkcs7-mime");

    private final Detector contentDetector;
    private final MimeTypes nameDetector;
    private final MediaTypeRegistry registry;

    public AttachmentTypeDetector() {
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.contentDetector = config.getDetector();
        this.nameDetector = config.getMimeRepository();
        this.registry = config.getMediaTypeRegistry();
    }

    /**
     * @param content  the decoded attachment bytes; read, not closed
     * @param fileName the attachment's file name, or null when it has none
     */
    public DetectedType detect(InputStream content, String fileName) throws IOException {
        MediaType trueType;
        try (TikaInputStream tis = TikaInputStream.get(new NonClosingInputStream(content))) {
            trueType = contentDetector.detect(tis, new Metadata()).getBaseType();
        }
        Optional<MediaType> nameType = typeOfName(fileName);
        boolean mismatch = nameType.map(claimed -> disagree(trueType, claimed)).orElse(false);
        return new DetectedType(trueType.toString(), nameType.map(MediaType::toString), mismatch);
    }

    /**
     * The type of an attachment held in memory, plus what its structure reveals: encryption (ZIP ZipCrypto /
     * AES, 7z with AES, RAR 4 / RAR 5 with encrypted files or headers, password-protected PDF and Office), a
     * structure that should tell but cannot be read ({@link ContainerFacts#problem()}), Office macros (macro-enabled OOXML types, VBA
     * storages in legacy .doc/.xls/.ppt), disk images (ISO, VHD, VHDX, .img).
     *
     * @param fileName the attachment's file name, or null when it has none
     */
    public ContainerFacts inspect(byte[] content, String fileName) throws IOException {
        DetectedType type = detect(new java.io.ByteArrayInputStream(content), fileName);
        Optional<String> encryption;
        Optional<String> problem = Optional.empty();
        if (RarProbe.isRar(content)) {
            RarProbe.Result rar = RarProbe.probe(content);
            encryption = rar.encryption();
            problem = rar.problem();
        } else {
            encryption = ContainerProbe.encryption(content);
        }
        return new ContainerFacts(type, encryption, ContainerProbe.macros(content, type.trueType()),
            ContainerProbe.diskImage(content, type.trueType(), fileName), problem);
    }

    /** True when {@code type} is {@code ancestor} or a specialization of it (e.g. an x-msdownload subtype). */
    public boolean isA(String type, String ancestor) {
        MediaType t = MediaType.parse(type);
        MediaType a = MediaType.parse(ancestor);
        if (t == null || a == null) {
            return false;
        }
        return registry.isInstanceOf(registry.normalize(t.getBaseType()), registry.normalize(a.getBaseType()));
    }

    private Optional<MediaType> typeOfName(String fileName) throws IOException {
        if (fileName == null || fileName.isBlank()) {
            return Optional.empty();
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        MediaType byName = nameDetector.detect(null, metadata).getBaseType();
        return OCTET_STREAM.equals(byName) ? Optional.empty() : Optional.of(byName);
    }

    private boolean disagree(MediaType trueType, MediaType claimed) {
        if (OCTET_STREAM.equals(trueType)) {
            return false; // content unknown: nothing proves the name wrong
        }
        MediaType t = registry.normalize(trueType);
        MediaType c = registry.normalize(claimed);
        if (registry.isInstanceOf(t, c) || registry.isInstanceOf(c, t)) {
            return false;
        }
        if (PKCS7.contains(t.toString()) && PKCS7.contains(c.toString())) {
            return false; // the bytes cannot tell a .p7m from a .p7s: Tika names every PKCS#7 structure a signature
        }
        return !("text".equals(t.getType()) && "text".equals(c.getType()));
    }
}
