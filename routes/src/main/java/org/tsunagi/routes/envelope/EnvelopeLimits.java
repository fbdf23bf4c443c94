package org.tsunagi.routes.envelope;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Size limits and spooling for sealing and opening.
 *
 * @param maxContentBytes    largest message content accepted when sealing or opening; above it: {@code TOO_LARGE}
 * @param inMemorySpoolBytes opened content up to this size is held in memory until its signature is verified;
 *                           larger content is spooled to a temporary file encrypted with a one-time key
 * @param spoolDirectory     where those temporary files go (created owner-only); the JVM temp directory by default
 */
public record EnvelopeLimits(long maxContentBytes, int inMemorySpoolBytes, Path spoolDirectory) {

    /** 128 MiB content, 1 MiB in memory, spool files in {@code java.io.tmpdir}. */
    public static final long DEFAULT_MAX_CONTENT_BYTES = 128L * 1024 * 1024;
    public static final int DEFAULT_IN_MEMORY_SPOOL_BYTES = 1024 * 1024;

    /** Room for the envelope around the content: certificates, recipient infos, ASN.1 headers. */
    static final long ENVELOPE_OVERHEAD_BYTES = 1024L * 1024;

    public EnvelopeLimits {
        if (maxContentBytes <= 0) {
            throw new IllegalArgumentException("maxContentBytes must be positive, got " + maxContentBytes);
        }
        if (inMemorySpoolBytes < 0) {
            throw new IllegalArgumentException("inMemorySpoolBytes must not be negative, got " + inMemorySpoolBytes);
        }
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
    }

    public static EnvelopeLimits defaults() {
        return new EnvelopeLimits(DEFAULT_MAX_CONTENT_BYTES, DEFAULT_IN_MEMORY_SPOOL_BYTES,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    public EnvelopeLimits withMaxContentBytes(long max) {
        return new EnvelopeLimits(max, inMemorySpoolBytes, spoolDirectory);
    }

    /** The largest sealed input read before giving up with {@code TOO_LARGE}. */
    long maxSealedBytes() {
        // Base64 (JOSE) expands by 4/3; CMS adds a little. One bound serves both.
        return maxContentBytes + maxContentBytes / 3 + ENVELOPE_OVERHEAD_BYTES;
    }
}
