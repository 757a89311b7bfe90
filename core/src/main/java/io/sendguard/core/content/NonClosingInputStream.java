package io.sendguard.core.content;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Lets a library close its wrapper without closing the caller's stream. */
final class NonClosingInputStream extends FilterInputStream {
    NonClosingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public void close() {
        // the caller owns the stream
    }
}
