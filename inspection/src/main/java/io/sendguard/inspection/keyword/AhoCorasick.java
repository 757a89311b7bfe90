package io.sendguard.inspection.keyword;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick automaton over {@code char}s, stored in flat arrays: built once, immutable, safe to share
 * between threads.
 *
 * <p>Layout: characters that occur in some pattern get a dense class number (a 64 K {@code char} table,
 * class 0 = "in no pattern", which sends the automaton straight back to the root). The root has a full
 * transition row; other transitions live in one open-addressing hash table keyed by (state, class).
 * Failure links and "dictionary suffix" links (next state on the failure chain that ends a pattern) make
 * reporting all overlapping matches cheap.
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

    private static final long EMPTY = -1L;
    /** Budget for full DFA rows: 256 K ints = 1 MB, small enough to stay in cache (measured best). */
    private static final int MAX_ROW_CELLS = 256 * 1024;

    private final char[] classOf;          // char -> class (0 = none)
    private final int classes;
    private final int[] rowOf;             // state -> index of its full transition row, or -1
    private final int[] rows;              // full DFA rows (failure already resolved), row 0 = root
    private final long[] keys;             // (state << 16 | class), EMPTY if unused
    private final int[] values;            // target state
    private final int mask;
    private final int[] fail;
    private final int[] dictLink;          // nearest state on the failure chain with output, or -1
    private final int[] outStart;          // patterns ending at state s: outPatterns[outStart[s] .. outStart[s+1])
    private final int[] outPatterns;
    private final int[] patternLengths;

    private AhoCorasick(char[] classOf, int classes, int[] rowOf, int[] rows, long[] keys, int[] values, int[] fail, int[] dictLink,
                        int[] outStart, int[] outPatterns, int[] patternLengths) {
        this.classOf = classOf;
        this.classes = classes;
        this.rowOf = rowOf;
        this.rows = rows;
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
        this.fail = fail;
        this.dictLink = dictLink;
        this.outStart = outStart;
        this.outPatterns = outPatterns;
        this.patternLengths = patternLengths;
    }

    /** Builds the automaton; pattern {@code i} of the list is reported as pattern index {@code i}. */
    public static AhoCorasick build(List<String> patterns) {
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
        // 2. trie in a growable hash table
        int capacity = Integer.highestOneBit(Math.max(16, totalChars * 2 + 2)) << 1;
        long[] keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        int[] values = new int[capacity];
        int maxStates = totalChars + 1;
        int[] depth = new int[maxStates];
        int[] firstChild = new int[maxStates];
        int[] nextSibling = new int[maxStates];
        int[] edgeClass = new int[maxStates];
        Arrays.fill(firstChild, -1);
        int[] terminalCount = new int[maxStates];
        int[] terminalOf = new int[patterns.size()];
        int[] rootRow = new int[classes];
        int states = 1;
        int mask = capacity - 1;
        for (int pi = 0; pi < patterns.size(); pi++) {
            String p = patterns.get(pi);
            if (p.isEmpty()) {
                terminalOf[pi] = -1;
                continue;
            }
            int s = 0;
            for (int i = 0; i < p.length(); i++) {
                int cls = classOf[p.charAt(i)];
                int t = s == 0 ? rootRow[cls] : lookup(keys, values, mask, s, cls);
                if (t <= 0) {
                    t = states++;
                    depth[t] = depth[s] + 1;
                    edgeClass[t] = cls;
                    nextSibling[t] = firstChild[s];
                    firstChild[s] = t;
                    if (s == 0) {
                        rootRow[cls] = t;
                    } else {
                        insert(keys, values, mask, s, cls, t);
                    }
                }
                s = t;
            }
            terminalOf[pi] = s;
            terminalCount[s]++;
        }
        // 3. outputs
        int[] outStart = new int[states + 1];
        for (int s = 0; s < states; s++) {
            outStart[s + 1] = outStart[s] + terminalCount[s];
        }
        int[] fillPos = Arrays.copyOf(outStart, states);
        int[] outPatterns = new int[outStart[states]];
        int[] lengths = new int[patterns.size()];
        for (int pi = 0; pi < patterns.size(); pi++) {
            lengths[pi] = patterns.get(pi).length();
            if (terminalOf[pi] > 0) {
                outPatterns[fillPos[terminalOf[pi]]++] = pi;
            }
        }
        // 4. failure and dictionary links, breadth first
        int[] fail = new int[states];
        int[] dictLink = new int[states];
        Arrays.fill(dictLink, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = firstChild[0]; c >= 0; c = nextSibling[c]) {
            fail[c] = 0;
            queue.add(c);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int c = firstChild[s]; c >= 0; c = nextSibling[c]) {
                int cls = edgeClass[c];
                int f = fail[s];
                int target;
                while (true) {
                    target = f == 0 ? rootRow[cls] : lookup(keys, values, mask, f, cls);
                    if (target > 0 || f == 0) {
                        break;
                    }
                    f = fail[f];
                }
                fail[c] = Math.max(target, 0);
                int fc = fail[c];
                dictLink[c] = fc > 0 && outStart[fc + 1] > outStart[fc] ? fc : dictLink[fc];
                queue.add(c);
            }
        }
        // 5. full rows for the shallowest states, breadth first (a state's failure target is shallower, so
        //    its row exists whenever the state gets one)
        int maxRows = Math.max(1, Math.min(states, MAX_ROW_CELLS / classes));
        int[] rowOf = new int[states];
        Arrays.fill(rowOf, -1);
        int[] rows = new int[maxRows * classes];
        System.arraycopy(rootRow, 0, rows, 0, classes);
        rowOf[0] = 0;
        int rowCount = 1;
        queue.clear();
        for (int c = firstChild[0]; c >= 0; c = nextSibling[c]) {
            queue.add(c);
        }
        while (!queue.isEmpty() && rowCount < maxRows) {
            int s = queue.poll();
            int row = rowCount++;
            rowOf[s] = row;
            int base = row * classes;
            System.arraycopy(rows, rowOf[fail[s]] * classes, rows, base, classes);
            for (int c = firstChild[s]; c >= 0; c = nextSibling[c]) {
                rows[base + edgeClass[c]] = c;
                queue.add(c);
            }
        }
        if (rowCount < maxRows) {
            rows = Arrays.copyOf(rows, rowCount * classes);
        }
        return new AhoCorasick(classOf, classes, rowOf, rows, keys, values, fail, dictLink, outStart, outPatterns,
            lengths);
    }

    private static int hash(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    private static int lookup(long[] keys, int[] values, int mask, int state, int cls) {
        long key = ((long) state << 16) | cls;
        int i = hash(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    private static void insert(long[] keys, int[] values, int mask, int state, int cls, int target) {
        long key = ((long) state << 16) | cls;
        int i = hash(key, mask);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = target;
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
        final int[] rowOf = this.rowOf;
        final int[] rows = this.rows;
        final int classes = this.classes;
        final int[] fail = this.fail;
        final int[] outStart = this.outStart;
        int s = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            int cls = classOf[text.charAt(i)];
            if (cls == 0) {
                s = 0;
                continue;
            }
            while (true) {
                int row = rowOf[s];
                if (row >= 0) {
                    s = rows[row * classes + cls];
                    break;
                }
                int t = lookup(keys, values, mask, s, cls);
                if (t > 0) {
                    s = t;
                    break;
                }
                s = fail[s];
            }
            if (s == 0) {
                continue;
            }
            int t = outStart[s + 1] > outStart[s] ? s : dictLink[s];
            while (t > 0) {
                for (int k = outStart[t]; k < outStart[t + 1]; k++) {
                    if (!listener.onMatch(outPatterns[k], i + 1)) {
                        return;
                    }
                }
                t = dictLink[t];
            }
        }
    }
}
