package org.tsunagi.routes.envelope;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Shows every byte read through it to a watcher (the BER bounds, the envelope's structure check) before passing it
 * on; a watcher's refusal fails the read that carried the byte.
 */
final class WatchedStream extends FilterInputStream {

    /** Sees the bytes in the order they are read. */
    @FunctionalInterface
    interface Watcher {
        void update(byte[] bytes, int offset, int count) throws IOException;
    }

    private final Watcher watcher;

    WatchedStream(InputStream in, Watcher watcher) {
        super(in);
        this.watcher = watcher;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            watcher.update(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        if (n > 0) {
            watcher.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are read, so that the watcher sees them too.
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
