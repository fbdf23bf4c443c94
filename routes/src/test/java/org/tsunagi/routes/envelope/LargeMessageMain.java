package org.tsunagi.routes.envelope;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Seals and opens a large generated message; run by {@link LargeMessageStreamingTest} in a child JVM with a small
 * heap. Prints one {@code RESULT} line with the timings and the peak heap use.
 * Usage: {@code LargeMessageMain <megabytes> <work dir>}.
 */
public final class LargeMessageMain {

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]) * 1024 * 1024;
        Path work = Path.of(args[1]);
        Path sealed = work.resolve("large.p7m");
        Path spool = Files.createDirectories(work.resolve("spool"));
        EnvelopeLimits limits = new EnvelopeLimits(size + 1, EnvelopeLimits.DEFAULT_IN_MEMORY_SPOOL_BYTES, spool);

        Credentials signer = DemoPki.credentials("facility-nagoya");
        Credentials gateway = DemoPki.gatewayEncryption();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");

        long t0 = System.nanoTime();
        try (InputStream content = new java.security.DigestInputStream(new GeneratedXml(size), sent);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(sealed), 1 << 16)) {
            new MessageSealer(limits).seal(content, signer, gateway.certificate(), out);
        }
        long t1 = System.nanoTime();
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        OpenedMessage opened;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(sealed), 1 << 16);
             OutputStream out = new java.security.DigestOutputStream(OutputStream.nullOutputStream(), received)) {
            opened = new MessageOpener(gateway, DemoPki.validator(), limits).open(in, out);
        }
        long t2 = System.nanoTime();

        String sentHex = HexFormat.of().formatHex(sent.digest());
        String receivedHex = HexFormat.of().formatHex(received.digest());
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        boolean ok = sentHex.equals(receivedHex) && sentHex.equals(opened.contentSha256())
                && opened.contentLength() == size;
        try (var files = Files.list(spool)) {
            ok &= files.findAny().isEmpty();
        }
        System.out.printf("RESULT %s bytes=%d sealed=%d seal_ms=%d open_ms=%d peak_heap_mb=%d max_heap_mb=%d%n",
                ok ? "OK" : "MISMATCH", size, Files.size(sealed), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                peak / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.exit(ok ? 0 : 1);
    }

    /** {@code size} bytes of repetitive XML-like text, generated on the fly (never held in memory). */
    static final class GeneratedXml extends InputStream {
        private static final byte[] LINE = "<Record><Name>仮名 太郎</Name><Note>fictional test data</Note></Record>\n"
                .getBytes(StandardCharsets.UTF_8);
        private final long size;
        private long position;

        GeneratedXml(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return LINE[(int) (position++ % LINE.length)] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = LINE[(int) ((position + i) % LINE.length)];
            }
            position += n;
            return n;
        }
    }
}
