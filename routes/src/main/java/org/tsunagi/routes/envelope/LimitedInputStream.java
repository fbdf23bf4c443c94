package org.tsunagi.routes.envelope;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with TOO_LARGE as soon as more than {@code limit} bytes have been read. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String what;
    private long count;

    LimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    private void add(long n) throws IOException {
        count += n;
        if (count > limit) {
            throw RefusalIOException.tooLarge(what, limit);
        }
    }
}
