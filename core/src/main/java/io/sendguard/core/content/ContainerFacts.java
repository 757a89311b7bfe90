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
    private final Optional<String> problem;

    ContainerFacts(DetectedType type, Optional<String> encryption, Optional<String> macros, Optional<String> diskImage,
                   Optional<String> problem) {
        this.type = Objects.requireNonNull(type);
        this.encryption = Objects.requireNonNull(encryption);
        this.macros = Objects.requireNonNull(macros);
        this.diskImage = Objects.requireNonNull(diskImage);
        this.problem = Objects.requireNonNull(problem);
    }

    public DetectedType type() {
        return type;
    }

    /**
     * How the content is encrypted ({@code ZIP (ZipCrypto)}, {@code ZIP (AES)}, {@code 7z (encrypted headers)},
     * {@code RAR 5 (encrypted headers)}, {@code RAR 4 (encrypted files: 2)}, {@code PDF}, ...).
     */
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

    /**
     * Why the structure that would tell whether the content is encrypted could not be read (a truncated or
     * corrupt RAR: {@code RAR 5: header at offset 8 has a bad CRC}): such content must be treated as not
     * inspected, never as clean.
     */
    public Optional<String> problem() {
        return problem;
    }

    @Override
    public String toString() {
        return type + encryption.map(e -> " encrypted " + e).orElse("") + macros.map(m -> " macros " + m).orElse("")
            + diskImage.map(d -> " disk image " + d).orElse("") + problem.map(p -> " unreadable " + p).orElse("");
    }
}
