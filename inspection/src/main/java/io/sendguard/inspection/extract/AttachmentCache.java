package io.sendguard.inspection.extract;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded LRU of parsed attachments keyed by the SHA-256 of their bytes (entry count and total chars). */
final class AttachmentCache {
    private final int maxEntries;
    private final long maxChars;
    private final LinkedHashMap<String, ParsedAttachment> map = new LinkedHashMap<>(16, 0.75f, true);
    private long chars;
    private long hits;
    private long misses;

    AttachmentCache(int maxEntries, long maxChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    synchronized ParsedAttachment get(String sha256) {
        ParsedAttachment p = map.get(sha256);
        if (p == null) {
            misses++;
        } else {
            hits++;
        }
        return p;
    }

    synchronized void put(String sha256, ParsedAttachment parsed) {
        if (maxEntries == 0 || !parsed.cacheable || parsed.chars > maxChars) {
            return;
        }
        ParsedAttachment old = map.put(sha256, parsed);
        if (old != null) {
            chars -= old.chars;
        }
        chars += parsed.chars;
        Iterator<Map.Entry<String, ParsedAttachment>> it = map.entrySet().iterator();
        while ((map.size() > maxEntries || chars > maxChars) && it.hasNext()) {
            Map.Entry<String, ParsedAttachment> eldest = it.next();
            chars -= eldest.getValue().chars;
            it.remove();
        }
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }

    synchronized int size() {
        return map.size();
    }
}
