package io.sendguard.core.content;

import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Tells whether a RAR archive is password-protected by reading its block headers only — never the packed
 * data, and with no RAR decompressor (the UnRAR licence rules out junrar, and Tika has no encryption facts for
 * RAR). Written from the format descriptions RARLAB publishes ("RAR version 4.x - Technical information",
 * {@code technote.txt}, and "RAR 5.0 archive format"):
 * <ul>
 *   <li>RAR 4.x (signature {@code Rar!\x1A\x07\x00}): every block starts with HEAD_CRC (2 bytes), HEAD_TYPE (1),
 *       HEAD_FLAGS (2), HEAD_SIZE (2), and ADD_SIZE (4) when HEAD_FLAGS has 0x8000. The archive header (0x73)
 *       with flag 0x0080 means the block headers that follow are encrypted ({@code rar -hp}); a file header
 *       (0x74) with flag 0x0004 means that file is encrypted ({@code rar -p}). A file header's PACK_SIZE (plus
 *       HIGH_PACK_SIZE with flag 0x0100) is the size of the data after it. HEAD_CRC of the archive and file
 *       headers is the low 16 bits of the CRC32 of the header from HEAD_TYPE on.</li>
 *   <li>RAR 5.0 (signature {@code Rar!\x1A\x07\x01\x00}): every header is CRC32 (4 bytes), header size (vint,
 *       the bytes after it), header type (vint), header flags (vint; 0x0001 extra area, 0x0002 data area),
 *       extra area size and data size (vints, when flagged); the extra area is the last bytes of the header.
 *       Header type 4 is the archive encryption header ({@code -hp}: all later headers are encrypted); a file
 *       header (type 2) whose extra area holds a record of type 0x01 is an encrypted file. The CRC32 covers
 *       the header from the header size field on. A vint is 7 bits per byte, low bits first, with the high bit
 *       set on every byte but the last.</li>
 * </ul>
 * Anything that does not add up (a bad CRC, a header or data running past the end, a size out of range, no
 * end-of-archive block, too many blocks) is reported as a {@link Result#problem() problem} — never as "not encrypted". Bounded: it looks
 * at no more than {@value #MAX_BLOCKS} blocks, allocates nothing in proportion to sizes read from the file, and
 * does all arithmetic on sizes in {@code long} with explicit range checks.
 */
final class RarProbe {
    static final byte[] RAR4_SIGNATURE = {0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x00};
    static final byte[] RAR5_SIGNATURE = {0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00};
    static final int MAX_BLOCKS = 100_000;
    /** RAR 5.0: "header size ... shall not exceed 2 MB". */
    private static final long RAR5_MAX_HEADER = 2 * 1024 * 1024;

    /** What the headers say: how the archive is encrypted, or why it could not be read. */
    static final class Result {
        private final Optional<String> encryption;
        private final Optional<String> problem;

        private Result(Optional<String> encryption, Optional<String> problem) {
            this.encryption = encryption;
            this.problem = problem;
        }

        static Result clear() {
            return new Result(Optional.empty(), Optional.empty());
        }

        static Result encrypted(String how) {
            return new Result(Optional.of(how), Optional.empty());
        }

        static Result problem(String why) {
            return new Result(Optional.empty(), Optional.of(why));
        }

        Optional<String> encryption() {
            return encryption;
        }

        Optional<String> problem() {
            return problem;
        }

        @Override
        public String toString() {
            return encryption.map(e -> "encrypted " + e).orElse(problem.map(p -> "problem " + p).orElse("clear"));
        }
    }

    /** Thrown inside the walk for anything malformed; its message becomes the problem. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private RarProbe() {
    }

    static boolean isRar(byte[] b) {
        return ContainerProbe.startsWith(b, 0, RAR4_SIGNATURE) || ContainerProbe.startsWith(b, 0, RAR5_SIGNATURE);
    }

    /** Reads the headers of {@code b}, which must start with a RAR signature ({@link #isRar}). */
    static Result probe(byte[] b) {
        try {
            if (ContainerProbe.startsWith(b, 0, RAR5_SIGNATURE)) {
                return rar5(b);
            }
            if (ContainerProbe.startsWith(b, 0, RAR4_SIGNATURE)) {
                return rar4(b);
            }
            return Result.problem("RAR: unknown signature");
        } catch (Malformed e) {
            return Result.problem(e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------- RAR 4.x

    private static Result rar4(byte[] b) throws Malformed {
        int encryptedFiles = 0;
        long p = RAR4_SIGNATURE.length;
        boolean ended = false;
        for (int blocks = 0; p < b.length; blocks++) {
            if (blocks >= MAX_BLOCKS) {
                throw new Malformed("RAR 4: more than " + MAX_BLOCKS + " blocks");
            }
            int at = (int) p;
            if (at + 7 > b.length) {
                throw new Malformed("RAR 4: truncated block header at offset " + at);
            }
            int crc = u16(b, at);
            int type = b[at + 2] & 0xFF;
            int flags = u16(b, at + 3);
            int headSize = u16(b, at + 5);
            if (headSize < 7) {
                throw new Malformed("RAR 4: block at offset " + at + " declares a header size of " + headSize);
            }
            if ((long) at + headSize > b.length) {
                throw new Malformed("RAR 4: block header at offset " + at + " runs past the end of the file");
            }
            if (blocks == 0 && type != 0x73) {
                throw new Malformed("RAR 4: no archive header after the signature");
            }
            long dataSize = 0;
            if (type == 0x73) {
                checkCrc16(b, at, headSize, crc, "archive header");
                if ((flags & 0x0080) != 0) {
                    return Result.encrypted("RAR 4 (encrypted headers)");
                }
            } else if (type == 0x74 || type == 0x7A) {
                boolean large = (flags & 0x0100) != 0;
                if (headSize < (large ? 40 : 32)) {
                    throw new Malformed("RAR 4: file header at offset " + at + " is too short (" + headSize + " bytes)");
                }
                checkCrc16(b, at, headSize, crc, type == 0x74 ? "file header" : "service header");
                dataSize = u32(b, at + 7) | (large ? u32(b, at + 32) << 32 : 0);
                if (type == 0x74 && (flags & 0x0004) != 0) {
                    encryptedFiles++;
                }
            } else if (type == 0x7B) {
                ended = true;
                break;
            } else if ((flags & 0x8000) != 0) {
                if (headSize < 11) {
                    throw new Malformed("RAR 4: block at offset " + at + " is too short for its ADD_SIZE");
                }
                dataSize = u32(b, at + 7);
            }
            p = next(b, at, headSize, dataSize, "RAR 4");
        }
        if (!ended) {
            throw new Malformed("RAR 4: no end-of-archive block (truncated?)");
        }
        return encryptedFiles == 0 ? Result.clear()
            : Result.encrypted("RAR 4 (encrypted files: " + encryptedFiles + ")");
    }

    private static void checkCrc16(byte[] b, int at, int headSize, int expected, String what) throws Malformed {
        CRC32 crc = new CRC32();
        crc.update(b, at + 2, headSize - 2);
        if ((crc.getValue() & 0xFFFF) != expected) {
            throw new Malformed("RAR 4: " + what + " at offset " + at + " has a bad CRC");
        }
    }

    // ---------------------------------------------------------------------------------------------- RAR 5.0

    private static Result rar5(byte[] b) throws Malformed {
        int encryptedFiles = 0;
        long p = RAR5_SIGNATURE.length;
        boolean mainSeen = false;
        boolean ended = false;
        for (int blocks = 0; p < b.length; blocks++) {
            if (blocks >= MAX_BLOCKS) {
                throw new Malformed("RAR 5: more than " + MAX_BLOCKS + " headers");
            }
            int at = (int) p;
            if (at + 5 > b.length) {
                throw new Malformed("RAR 5: truncated header at offset " + at);
            }
            long expectedCrc = u32(b, at);
            Cursor c = new Cursor(b, at + 4, b.length);
            long headerSize = c.vint("header size");
            if (headerSize < 2 || headerSize > RAR5_MAX_HEADER) {
                throw new Malformed("RAR 5: header at offset " + at + " declares a size of " + headerSize);
            }
            long headerEnd = c.pos + headerSize;
            if (headerEnd > b.length) {
                throw new Malformed("RAR 5: header at offset " + at + " runs past the end of the file");
            }
            CRC32 crc = new CRC32();
            crc.update(b, at + 4, (int) (headerEnd - at - 4));
            if (crc.getValue() != expectedCrc) {
                throw new Malformed("RAR 5: header at offset " + at + " has a bad CRC");
            }
            c = new Cursor(b, c.pos, (int) headerEnd);
            long type = c.vint("header type");
            long flags = c.vint("header flags");
            long extraSize = (flags & 0x0001) != 0 ? c.vint("extra area size") : 0;
            long dataSize = (flags & 0x0002) != 0 ? c.vint("data size") : 0;
            if (extraSize > headerEnd - c.pos) {
                throw new Malformed("RAR 5: extra area of the header at offset " + at + " is larger than the header");
            }
            if (type == 4) {
                return Result.encrypted("RAR 5 (encrypted headers)");
            }
            if (!mainSeen && type != 1) {
                throw new Malformed("RAR 5: no main archive header after the signature");
            }
            mainSeen = true;
            if (type == 2 && extraSize > 0 && hasEncryptionRecord(b, (int) (headerEnd - extraSize), (int) headerEnd, at)) {
                encryptedFiles++;
            }
            if (type == 5) {
                ended = true;
                break;
            }
            p = next(b, at, headerEnd - at, dataSize, "RAR 5");
        }
        if (!ended) {
            throw new Malformed("RAR 5: no end-of-archive header (truncated?)");
        }
        return encryptedFiles == 0 ? Result.clear()
            : Result.encrypted("RAR 5 (encrypted files: " + encryptedFiles + ")");
    }

    /** Walks the extra area records (size vint, then type vint and data) looking for type 0x01, file encryption. */
    private static boolean hasEncryptionRecord(byte[] b, int start, int end, int headerAt) throws Malformed {
        Cursor c = new Cursor(b, start, end);
        boolean found = false;
        while (c.pos < end) {
            long size = c.vint("extra record size");
            if (size < 1 || size > end - c.pos) {
                throw new Malformed("RAR 5: bad extra record in the header at offset " + headerAt);
            }
            int recordEnd = (int) (c.pos + size);
            long recordType = new Cursor(b, c.pos, recordEnd).vint("extra record type");
            found |= recordType == 0x01;
            c.pos = recordEnd;
        }
        return found;
    }

    /** Reads vints within [pos, end). */
    private static final class Cursor {
        final byte[] b;
        final int end;
        int pos;

        Cursor(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        long vint(String what) throws Malformed {
            long value = 0;
            for (int i = 0; i < 10; i++) {
                if (pos >= end) {
                    throw new Malformed("RAR 5: truncated " + what + " at offset " + pos);
                }
                int v = b[pos++] & 0xFF;
                if (i == 9 && (v & 0x7E) != 0) {
                    throw new Malformed("RAR 5: " + what + " at offset " + (pos - 1) + " is out of range");
                }
                value |= (long) (v & 0x7F) << (7 * i);
                if ((v & 0x80) == 0) {
                    if (value < 0) {
                        throw new Malformed("RAR 5: " + what + " at offset " + (pos - 1) + " is out of range");
                    }
                    return value;
                }
            }
            throw new Malformed("RAR 5: " + what + " at offset " + pos + " is longer than 10 bytes");
        }
    }

    // ---------------------------------------------------------------------------------------------- shared

    /** Offset of the block after the one at {@code at}; it must lie within the file. */
    private static long next(byte[] b, int at, long headerLength, long dataSize, String format) throws Malformed {
        if (dataSize < 0 || dataSize > b.length) {
            throw new Malformed(format + ": data of the block at offset " + at + " (" + Long.toUnsignedString(dataSize)
                + " bytes) runs past the end of the file");
        }
        long next = at + headerLength + dataSize;
        if (next > b.length) {
            throw new Malformed(format + ": data of the block at offset " + at + " (" + dataSize
                + " bytes) runs past the end of the file");
        }
        return next;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) & 0xFFFFL) | ((long) u16(b, at + 2)) << 16;
    }
}
