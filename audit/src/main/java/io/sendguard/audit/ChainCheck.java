package io.sendguard.audit;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a trail's records in order and says, for each line, whether it is the expected next record: seq, link to
 * the previous hash, hash (keyed or plain, see {@link AuditChain}), canonical form, and no plain record after a
 * keyed one (a chain recomputed without the key). It also compares the record a sealed checkpoint names. One
 * instance per verification; not thread-safe.
 */
final class ChainCheck {
    private static final Pattern TAIL = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");

    private final AuditChain chain;
    private final long checkpointSeq;
    private final String checkpointHash;
    private final boolean anchorSealed;
    private long expectedSeq;
    private String expectedPrev;
    private long records;
    private long unkeyed;
    private boolean keyedSeen;

    /**
     * @param firstSeq       the seq of the first record (1, or the anchor's)
     * @param firstPrev      what the first record links to (the genesis or the anchor's prevHash)
     * @param anchorSealed   whether the chain starts at an anchor that carries a valid seal (false: none, or unsealed)
     * @param checkpointSeq  the seq of a sealed checkpoint (-1 none) and its hash
     */
    ChainCheck(AuditChain chain, long firstSeq, String firstPrev, boolean anchorSealed, long checkpointSeq, String checkpointHash) {
        this.chain = chain;
        this.expectedSeq = firstSeq;
        this.expectedPrev = firstPrev;
        this.anchorSealed = anchorSealed;
        this.checkpointSeq = checkpointSeq;
        this.checkpointHash = checkpointHash;
    }

    /** @return null when the line is the expected next record (then it is taken in), else why not */
    String next(String line, boolean anchored) {
        Matcher tail = TAIL.matcher(line);
        if (!tail.find()) {
            return "no hash at the end of the record";
        }
        String body = line.substring(0, tail.start()) + "}";
        Map<String, Object> map;
        try {
            map = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            return "not valid JSON: " + e.getMessage();
        }
        Object seq = map.get("seq");
        if (!(seq instanceof Long)) {
            return "no seq";
        }
        if ((Long) seq != expectedSeq) {
            return "seq " + seq + " where " + expectedSeq + " was expected (a record is missing or out of order)";
        }
        if (!expectedPrev.equals(map.get("prevHash"))) {
            return "prevHash does not match the previous record's hash (a record is missing, out of order or changed)";
        }
        Object marker = map.get(AuditChain.FIELD);
        if (marker != null && !AuditChain.KEYED.equals(marker)) {
            return "unknown chain '" + marker + "'";
        }
        boolean keyed = marker != null;
        if (keyed && !chain.isKeyed()) {
            return "a keyed record, but no audit.hashKey is configured to check it";
        }
        if (!keyed && keyedSeen) {
            return "a plain (unkeyed) record after keyed ones: the chain was recomputed without the key";
        }
        if (keyed && records == 0 && anchored && !anchorSealed) {
            return "the chain starts at an anchor.json without a valid seal (written by hand?)";
        }
        String hash = tail.group(1);
        if (!AuditChain.same(chain.recordHash(keyed, expectedPrev, body), hash)) {
            return keyed ? "hash mismatch: the record was changed" : "hash mismatch: the (plain) record was changed";
        }
        if (!Json.write(map).equals(body)) {
            return "not in canonical form";
        }
        if (expectedSeq == checkpointSeq && !hash.equals(checkpointHash)) {
            return "the record differs from the one the checkpoint head.json names (the trail was rewritten)";
        }
        keyedSeen |= keyed;
        unkeyed += keyed ? 0 : 1;
        records++;
        expectedSeq++;
        expectedPrev = hash;
        return null;
    }

    long records() {
        return records;
    }

    /** Plain records accepted (written before the chain was keyed). */
    long unkeyed() {
        return unkeyed;
    }

    /** The seq the next record would have; the last one checked is one less. */
    long expectedSeq() {
        return expectedSeq;
    }

    String lastHash() {
        return expectedPrev;
    }
}
