package io.sendguard.inspection.keyword;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Aho-Corasick automaton over {@code char}s, stored in flat {@code int} arrays: built once, immutable, safe to
 * share between threads.
 *
 * <p>Layout (see {@code inspection/BENCHMARK.md} for what was measured):
 * <ul>
 *   <li>Alphabet compression: characters that occur in some pattern get a dense class number (a 64 K
 *       {@code char} table); class 0 = "in no pattern" sends the automaton straight back to the root.</li>
 *   <li>States are numbered breadth first. The shallowest ones (the root first, then as many as fit in
 *       {@link #DEFAULT_ROW_CELLS}) have a full DFA row with failure transitions already resolved.</li>
 *   <li>Every other state keeps only the transitions that differ from those of a <em>fallback</em> state on
 *       its failure chain (its own trie edges, plus the few differences of its failure state when that has no
 *       row), in a double-array of {@code long}s: each state has a base of its own, and transition {@code c} of
 *       a state is slot {@code base + c} when that slot is marked with {@code c}. Otherwise the automaton goes
 *       on at the fallback state, which is shallower; when the fallback state has a row, its row number is part
 *       of the state's address, so the miss costs one read of that row and no failure link.</li>
 *   <li>Transition values are the target's address shifted left, with bit 0 = "some pattern ends here": the
 *       scan loop tests one bit per character and reads the output tables only when something matched.</li>
 * </ul>
 *
 * <p>Patterns are matched exactly as given (normalize them first, see
 * {@link io.sendguard.inspection.text.Normalizer}). Empty patterns are ignored; duplicate patterns are all
 * reported.
 */
public final class AhoCorasick {

    /** Receives matches; {@code end} is the exclusive end offset of the match in the scanned text. */
    @FunctionalInterface
    public interface MatchListener {
        /**
         * @return {@code false} to stop scanning
         */
        boolean onMatch(int patternIndex, int end);
    }

    /** Budget for full DFA rows: 16 K ints = 64 KB (measured as good as 256 KB and better than 1 MB). */
    static final int DEFAULT_ROW_CELLS = 16 * 1024;
    /**
     * A state inherits its failure state's differences (one fallback step fewer) while they are at most this many
     * (2 measured as good as 0 and 8; 8 doubled the double-array for nothing).
     */
    static final int DEFAULT_INHERIT_LIMIT = 2;

    private final char[] classOf;          // char -> class (0 = none)
    private final int classes;
    private final int baseBits;            // an address below 0 is ~(base | row of the fallback state << baseBits)
    private final int[] rows;              // full rows: rows[address + class] = encoded target
    private final long[] cells;            // double-array slot base + class: encoded target << 32 | class (0 = free)
    private final int[] fallbackOf;        // base -> address of the fallback state of the state with that base
    private final int[] stateOfBase;       // base -> state, for reporting
    private final int[] dictLink;          // nearest state on the failure chain with output, or -1
    private final int[] outStart;          // patterns ending at state s: outPatterns[outStart[s] .. outStart[s+1])
    private final int[] outPatterns;
    private final int[] patternLengths;

    private AhoCorasick(char[] classOf, int classes, int baseBits, int[] rows, long[] cells, int[] fallbackOf,
                        int[] stateOfBase, int[] dictLink, int[] outStart, int[] outPatterns, int[] patternLengths) {
        this.classOf = classOf;
        this.classes = classes;
        this.baseBits = baseBits;
        this.rows = rows;
        this.cells = cells;
        this.fallbackOf = fallbackOf;
        this.stateOfBase = stateOfBase;
        this.dictLink = dictLink;
        this.outStart = outStart;
        this.outPatterns = outPatterns;
        this.patternLengths = patternLengths;
    }

    /** Builds the automaton; pattern {@code i} of the list is reported as pattern index {@code i}. */
    public static AhoCorasick build(List<String> patterns) {
        return build(patterns, DEFAULT_ROW_CELLS, DEFAULT_INHERIT_LIMIT);
    }

    /** Same, with a budget for full rows (in ints) and a limit for inherited differences: tests, measurements. */
    static AhoCorasick build(List<String> patterns, int rowCells, int inheritLimit) {
        // 1. character classes
        char[] classOf = new char[65536];
        int classes = 1;
        int totalChars = 0;
        for (String p : patterns) {
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (classOf[c] == 0) {
                    if (classes == 65535) {
                        throw new IllegalArgumentException("too many distinct characters");
                    }
                    classOf[c] = (char) classes++;
                }
            }
            totalChars += p.length();
        }
        Trie trie = new Trie(classes, totalChars + 1);
        int[] terminalOf = new int[patterns.size()];
        int[] lengths = new int[patterns.size()];
        for (int pi = 0; pi < patterns.size(); pi++) {
            String p = patterns.get(pi);
            lengths[pi] = p.length();
            int s = 0;
            for (int i = 0; i < p.length(); i++) {
                s = trie.child(s, classOf[p.charAt(i)]);
            }
            terminalOf[pi] = s;
        }
        int states = trie.states;
        // 2. breadth-first numbering: a state's failure state and parent come before it
        int[] order = new int[states];    // new id -> trie id
        int[] newId = new int[states];
        int count = 1;
        for (int head = 0; head < count; head++) {
            for (int c = trie.firstChild[order[head]]; c >= 0; c = trie.nextSibling[c]) {
                newId[c] = count;
                order[count++] = c;
            }
        }
        // children of each state (new ids), sorted by class
        int[] childStart = new int[states + 1];
        int[] childClass = new int[states];
        int[] childTarget = new int[states];
        for (int s = 0; s < states; s++) {
            childStart[s + 1] = childStart[s];
            for (int c = trie.firstChild[order[s]]; c >= 0; c = trie.nextSibling[c]) {
                childClass[childStart[s + 1]] = trie.edgeClass[c];
                childTarget[childStart[s + 1]++] = newId[c];
            }
            sortPairs(childClass, childTarget, childStart[s], childStart[s + 1]);
        }
        // 3. outputs
        int[] terminalCount = new int[states];
        for (int pi = 0; pi < patterns.size(); pi++) {
            if (terminalOf[pi] > 0) {
                terminalCount[newId[terminalOf[pi]]]++;
            }
        }
        int[] outStart = new int[states + 1];
        for (int s = 0; s < states; s++) {
            outStart[s + 1] = outStart[s] + terminalCount[s];
        }
        int[] fillPos = Arrays.copyOf(outStart, states);
        int[] outPatterns = new int[outStart[states]];
        for (int pi = 0; pi < patterns.size(); pi++) {
            if (terminalOf[pi] > 0) {
                outPatterns[fillPos[newId[terminalOf[pi]]]++] = pi;
            }
        }
        // 4. failure and dictionary links, in breadth-first (= id) order
        int[] fail = new int[states];
        int[] dictLink = new int[states];
        Arrays.fill(dictLink, -1);
        boolean[] hasOutput = new boolean[states];
        for (int s = 0; s < states; s++) {
            for (int k = childStart[s]; k < childStart[s + 1]; k++) {
                int child = childTarget[k];
                int cls = childClass[k];
                int target = 0;
                if (s != 0) {
                    int f = fail[s];
                    while (true) {
                        target = findChild(childStart, childClass, childTarget, f, cls);
                        if (target >= 0 || f == 0) {
                            break;
                        }
                        f = fail[f];
                    }
                }
                fail[child] = Math.max(target, 0);
                int fc = fail[child];
                dictLink[child] = fc > 0 && outStart[fc + 1] > outStart[fc] ? fc : dictLink[fc];
                hasOutput[child] = outStart[child + 1] > outStart[child] || dictLink[child] >= 0;
            }
        }
        // 5. which states get a full row (the shallowest), and what the others keep: the transitions that differ
        //    from those of a fallback state on their failure chain (state ids, not yet encoded)
        int rowStates = Math.max(1, Math.min(states, rowCells / classes));
        int[] fallback = new int[states];
        int[][] diffClass = new int[states][];
        int[][] diffTarget = new int[states][];
        for (int s = rowStates; s < states; s++) {
            int from = childStart[s];
            int to = childStart[s + 1];
            int f = fail[s];
            if (f >= rowStates && to - from + diffClass[f].length <= inheritLimit) {
                merge(childClass, childTarget, from, to, diffClass[f], diffTarget[f], diffClass, diffTarget, s);
                fallback[s] = fallback[f];
            } else {
                diffClass[s] = Arrays.copyOfRange(childClass, from, to);
                diffTarget[s] = Arrays.copyOfRange(childTarget, from, to);
                fallback[s] = f;
            }
        }
        // 6. a state's address: for a state with a row, the row's offset in rows (row 0 is unused, the root's is
        //    row 1); for the others ~(base | r << baseBits) < 0, r = 1 + the row of the fallback state when it has
        //    one and the bits suffice (the scan then reads that row at once on a miss), else 0
        int[] bases = new int[states];
        DoubleArray da = new DoubleArray(classes, Math.max(16, 2 * (states - rowStates) + classes));
        for (int s = rowStates; s < states; s++) {
            if (diffClass[s].length > 0) {
                bases[s] = da.place(diffClass[s]);
            }
        }
        for (int s = rowStates; s < states; s++) {
            if (diffClass[s].length == 0) {
                bases[s] = da.place(diffClass[s]); // needs only a base of its own, no slot
            }
        }
        if (da.size() >= 1 << 29) {
            throw new IllegalArgumentException("too many keywords: " + states + " automaton states");
        }
        int baseBits = 32 - Integer.numberOfLeadingZeros(da.size());
        boolean rowInAddress = baseBits + (32 - Integer.numberOfLeadingZeros(rowStates + 1)) <= 30;
        int[] address = new int[states];
        for (int s = 0; s < states; s++) {
            if (s < rowStates) {
                address[s] = (s + 1) * classes;
            } else {
                int r = rowInAddress && fallback[s] < rowStates ? fallback[s] + 1 : 0;
                address[s] = ~(bases[s] | r << baseBits);
            }
        }
        int[] rows = new int[(rowStates + 1) * classes];
        for (int s = 0; s < rowStates; s++) {
            int base = address[s];
            if (s > 0) {
                System.arraycopy(rows, address[fail[s]], rows, base, classes);
            } else {
                Arrays.fill(rows, base, base + classes, encode(0, address, hasOutput)); // back to the root
            }
            for (int k = childStart[s]; k < childStart[s + 1]; k++) {
                rows[base + childClass[k]] = encode(childTarget[k], address, hasOutput);
            }
        }
        int[] stateOfBase = new int[da.size()];
        for (int s = rowStates; s < states; s++) {
            stateOfBase[bases[s]] = s;
            int[] targets = diffTarget[s];
            int[] encoded = new int[targets.length];
            for (int k = 0; k < targets.length; k++) {
                encoded[k] = encode(targets[k], address, hasOutput);
            }
            da.fill(bases[s], diffClass[s], encoded, address[fallback[s]]);
        }
        return new AhoCorasick(classOf, classes, baseBits, rows, da.cells(), da.fallbacks(), stateOfBase, dictLink,
            outStart, outPatterns, lengths);
    }

    /** A transition's value: the target's address, and in bit 0 whether some pattern ends there. */
    private static int encode(int state, int[] address, boolean[] hasOutput) {
        return address[state] << 1 | (hasOutput[state] ? 1 : 0);
    }

    private static int findChild(int[] childStart, int[] childClass, int[] childTarget, int s, int cls) {
        int lo = childStart[s];
        int hi = childStart[s + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = childClass[mid];
            if (c < cls) {
                lo = mid + 1;
            } else if (c > cls) {
                hi = mid - 1;
            } else {
                return childTarget[mid];
            }
        }
        return -1;
    }

    /** Own edges merged with the failure state's differences (both sorted by class), into diff*[s]. */
    private static void merge(int[] childClass, int[] childTarget, int from, int to, int[] fc, int[] ft,
                              int[][] diffClass, int[][] diffTarget, int s) {
        int[] mc = new int[to - from + fc.length];
        int[] mt = new int[mc.length];
        int n = 0;
        int i = from;
        int j = 0;
        while (i < to || j < fc.length) {
            if (j == fc.length || (i < to && childClass[i] <= fc[j])) {
                if (j < fc.length && childClass[i] == fc[j]) {
                    j++;
                }
                mc[n] = childClass[i];
                mt[n++] = childTarget[i++];
            } else {
                mc[n] = fc[j];
                mt[n++] = ft[j++];
            }
        }
        diffClass[s] = Arrays.copyOf(mc, n);
        diffTarget[s] = Arrays.copyOf(mt, n);
    }

    /** Sorts keys[from..to) and values along with them (keys are distinct, values >= 0). */
    private static void sortPairs(int[] keys, int[] values, int from, int to) {
        if (to - from > 16) {
            long[] packed = new long[to - from];
            for (int i = from; i < to; i++) {
                packed[i - from] = (long) keys[i] << 32 | values[i];
            }
            Arrays.sort(packed);
            for (int i = from; i < to; i++) {
                keys[i] = (int) (packed[i - from] >>> 32);
                values[i] = (int) packed[i - from];
            }
            return;
        }
        for (int i = from + 1; i < to; i++) {
            int k = keys[i];
            int v = values[i];
            int j = i - 1;
            while (j >= from && keys[j] > k) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = k;
            values[j + 1] = v;
        }
    }

    /** Number of patterns the automaton was built from. */
    public int patternCount() {
        return patternLengths.length;
    }

    /** Length of pattern {@code index}, to compute a match's start ({@code end - length}). */
    public int patternLength(int index) {
        return patternLengths[index];
    }

    /** Reports every occurrence of every pattern in {@code text}, overlapping ones included, in end order. */
    public void scan(CharSequence text, MatchListener listener) {
        final char[] classOf = this.classOf;
        final int classes = this.classes;
        final int baseBits = this.baseBits;
        final int baseMask = (1 << baseBits) - 1;
        final int[] rows = this.rows;
        final long[] cells = this.cells;
        final int[] fallbackOf = this.fallbackOf;
        final int root = classes; // the root's row is row 1
        int a = root;             // address of the current state
        int n = text.length();
        for (int i = 0; i < n; i++) {
            int cls = classOf[text.charAt(i)];
            if (cls == 0) {
                a = root;
                continue;
            }
            int v;
            while (true) {
                if (a >= 0) {
                    v = rows[a + cls];
                    break;
                }
                // bases are unique, so slot base + cls belongs to this state exactly when it is marked with cls
                int x = ~a;
                int base = x & baseMask;
                long cell = cells[base + cls];
                if ((int) cell == cls) {
                    v = (int) (cell >>> 32);
                    break;
                }
                int row = x >>> baseBits;
                if (row != 0) {
                    v = rows[row * classes + cls];
                    break;
                }
                a = fallbackOf[base];
            }
            a = v >> 1;
            if ((v & 1) != 0 && !report(a, i + 1, listener)) {
                return;
            }
        }
    }

    private boolean report(int address, int end, MatchListener listener) {
        int s = address >= 0 ? address / classes - 1 : stateOfBase[~address & ((1 << baseBits) - 1)];
        int t = outStart[s + 1] > outStart[s] ? s : dictLink[s];
        while (t > 0) {
            for (int k = outStart[t]; k < outStart[t + 1]; k++) {
                if (!listener.onMatch(outPatterns[k], end)) {
                    return false;
                }
            }
            t = dictLink[t];
        }
        return true;
    }

    /** The trie while building: children in sibling lists, edges found through an open-addressing hash table. */
    private static final class Trie {
        private static final long EMPTY = -1L;
        final int[] firstChild;
        final int[] nextSibling;
        final int[] edgeClass;
        final int[] rootRow;
        final long[] keys;
        final int[] values;
        final int mask;
        int states = 1;

        Trie(int classes, int maxStates) {
            firstChild = new int[maxStates];
            nextSibling = new int[maxStates];
            edgeClass = new int[maxStates];
            Arrays.fill(firstChild, -1);
            rootRow = new int[classes];
            int capacity = Integer.highestOneBit(Math.max(16, maxStates * 2)) << 1;
            keys = new long[capacity];
            Arrays.fill(keys, EMPTY);
            values = new int[capacity];
            mask = capacity - 1;
        }

        /** The child of {@code s} on {@code cls}, created when missing. */
        int child(int s, int cls) {
            if (s == 0) {
                if (rootRow[cls] == 0) {
                    rootRow[cls] = add(s, cls);
                }
                return rootRow[cls];
            }
            long key = ((long) s << 16) | cls;
            int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
            while (true) {
                long k = keys[i];
                if (k == key) {
                    return values[i];
                }
                if (k == EMPTY) {
                    keys[i] = key;
                    values[i] = add(s, cls);
                    return values[i];
                }
                i = (i + 1) & mask;
            }
        }

        private int add(int parent, int cls) {
            int t = states++;
            edgeClass[t] = cls;
            nextSibling[t] = firstChild[parent];
            firstChild[parent] = t;
            return t;
        }
    }

    /**
     * First-fit placement of sparse rows into one array of slots. Every state gets a base of its own, so a slot can
     * be marked with the class that leads to it instead of its owner.
     */
    private static final class DoubleArray {
        /** Free slots a search tries before it gives up the region it started in. */
        private static final int MAX_TRIES = 32;
        private final int classes;
        private long[] cells;           // value << 32 | class, 0 = free
        private int[] fallbacks;
        private final BitSet slotUsed = new BitSet();
        private final BitSet baseUsed = new BitSet();
        private int searchFrom = 1;     // where searches for room start (slot 0 is never used)
        private int firstFreeBase;      // no unused base below this one
        private int size;               // slots in use: every base + class is below

        DoubleArray(int classes, int initialSlots) {
            this.classes = classes;
            this.cells = new long[initialSlots];
            this.fallbacks = new int[initialSlots];
        }

        /** Reserves a base for a state with these (sorted) classes and the slots they need. */
        int place(int[] cls) {
            int base;
            if (cls.length == 0) {
                base = firstFreeBase = baseUsed.nextClearBit(firstFreeBase);
            } else {
                int tries = 0;
                int k = slotUsed.nextClearBit(searchFrom);
                search:
                while (true) {
                    if (++tries > MAX_TRIES) {
                        searchFrom = k; // the region before is nearly full: later states skip it
                    }
                    base = k - cls[0];
                    if (base >= 0 && !baseUsed.get(base)) {
                        for (int j = 1; j < cls.length; j++) {
                            if (slotUsed.get(base + cls[j])) {
                                k = slotUsed.nextClearBit(k + 1);
                                continue search;
                            }
                        }
                        break;
                    }
                    k = slotUsed.nextClearBit(k + 1);
                }
                for (int c : cls) {
                    slotUsed.set(base + c);
                }
            }
            baseUsed.set(base);
            size = Math.max(size, base + classes);
            if (size > cells.length) {
                int grown = Math.max(size, cells.length * 3 / 2);
                cells = Arrays.copyOf(cells, grown);
                fallbacks = Arrays.copyOf(fallbacks, grown);
            }
            return base;
        }

        /** Sets the values of the slots reserved for {@code base}, and the fallback address of its state. */
        void fill(int base, int[] cls, int[] values, int fallback) {
            for (int j = 0; j < cls.length; j++) {
                cells[base + cls[j]] = (long) values[j] << 32 | cls[j];
            }
            fallbacks[base] = fallback;
        }

        int size() {
            return size;
        }

        /** The slots: base + any class stays inside for every placed state. */
        long[] cells() {
            return Arrays.copyOf(cells, size);
        }

        int[] fallbacks() {
            return Arrays.copyOf(fallbacks, size);
        }
    }
}
