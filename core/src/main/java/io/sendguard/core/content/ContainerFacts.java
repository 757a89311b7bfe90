package io.sendguard.core.content;

import java.util.Objects;
import java.util.Optional;

/**
 * What the bytes of an attachment reveal beyond its type: encryption (and how), Office macros, a disk image.
 * Immutable; see {@link AttachmentTypeDetector#inspect(byte[], String)}.
 */
public final class ContainerFacts {
    private final DetectedType type;
    private final Optional<String> encryption;
    private final Optional<String> macros;
    private final Optional<String> diskImage;

    ContainerFacts(DetectedType type, Optional<String> encryption, Optional<String> macros, Optional<String> diskImage) {
        this.type = Objects.requireNonNull(type);
        this.encryption = Objects.requireNonNull(encryption);
        this.macros = Objects.requireNonNull(macros);
        this.diskImage = Objects.requireNonNull(diskImage);
    }

    public DetectedType type() {
        return type;
    }

    /** How the content is encrypted ({@code ZIP (ZipCrypto)}, {@code ZIP (AES)}, {@code 7z (encrypted headers)}, {@code PDF}, ...). */
    public Optional<String> encryption() {
        return encryption;
    }

    /** Why the attachment carries macros ({@code macro-enabled Office type}, {@code VBA storage _VBA_PROJECT_CUR}). */
    public Optional<String> macros() {
        return macros;
    }

    /** What kind of disk image ({@code ISO 9660}, {@code VHD}, {@code VHDX}, {@code .img}). */
    public Optional<String> diskImage() {
        return diskImage;
    }

    @Override
    public String toString() {
        return type + encryption.map(e -> " encrypted " + e).orElse("") + macros.map(m -> " macros " + m).orElse("")
            + diskImage.map(d -> " disk image " + d).orElse("");
    }
}
