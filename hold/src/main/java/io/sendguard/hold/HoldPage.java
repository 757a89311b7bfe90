package io.sendguard.hold;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One immutable page of {@link HoldStore#list} results.
 */
public final class HoldPage {
    private final List<HeldMail> items;
    private final int offset;
    private final long totalMatching;

    /**
     * @param items         the mails of this page
     * @param offset        index of the first item among all matches
     * @param totalMatching number of mails matching the filters
     */
    public HoldPage(List<HeldMail> items, int offset, long totalMatching) {
        this.items = Collections.unmodifiableList(new ArrayList<>(items));
        this.offset = offset;
        this.totalMatching = totalMatching;
    }

    public List<HeldMail> items() {
        return items;
    }

    public int offset() {
        return offset;
    }

    public long totalMatching() {
        return totalMatching;
    }

    /** @return true when more matches follow this page */
    public boolean hasMore() {
        return offset + items.size() < totalMatching;
    }
}
