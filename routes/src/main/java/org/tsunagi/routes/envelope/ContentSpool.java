package org.tsunagi.routes.envelope;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Holds opened content until its signature and authentication tag have been verified, so that nothing reaches the
 * caller before then. Small content stays in memory; beyond {@link EnvelopeLimits#inMemorySpoolBytes()} it goes to
 * an owner-only temporary file encrypted with a one-time AES key that never leaves memory (no plaintext personal
 * data on disk). Counts and hashes (SHA-256) the content and enforces the size limit. Not thread-safe: one per open.
 */
final class ContentSpool extends OutputStream {

    private final EnvelopeLimits limits;
    private final MessageDigest digest = sha256();
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private byte[] key;
    private byte[] iv;
    private long length;

    ContentSpool(EnvelopeLimits limits) {
        this.limits = limits;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int count) throws IOException {
        if (length + count > limits.maxContentBytes()) {
            throw RefusalIOException.tooLarge("the message content", limits.maxContentBytes());
        }
        length += count;
        digest.update(buffer, offset, count);
        if (fileOut == null && memory.size() + count > limits.inMemorySpoolBytes()) {
            spillToFile();
        }
        if (fileOut != null) {
            fileOut.write(buffer, offset, count);
        } else {
            memory.write(buffer, offset, count);
        }
    }

    long length() {
        return length;
    }

    /** SHA-256 of everything written; call once, after the last write. */
    byte[] sha256Digest() {
        return digest.digest();
    }

    /** Copies the held content to {@code out}; only called once the content is verified. */
    void releaseTo(OutputStream out, byte[] expectedSha256) throws IOException {
        if (fileOut == null) {
            memory.writeTo(out);
            return;
        }
        fileOut.close();
        MessageDigest check = sha256();
        try (InputStream in = new CipherInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                cipher(Cipher.DECRYPT_MODE))) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                check.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        // The spool file is local and owner-only; still, what is released must be what was verified.
        if (!MessageDigest.isEqual(check.digest(), expectedSha256)) {
            throw new IOException("the content spool file changed while the message was being verified");
        }
    }

    /** Discards the content: deletes the spool file and forgets the key. */
    @Override
    public void close() {
        memory = new ByteArrayOutputStream();
        if (key != null) {
            Arrays.fill(key, (byte) 0);
        }
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException ignored) {
                // being discarded anyway
            }
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete spool file " + file, e);
            }
        }
    }

    private void spillToFile() throws IOException {
        SecureRandom random = new SecureRandom();
        key = new byte[32];
        iv = new byte[16];
        random.nextBytes(key);
        random.nextBytes(iv);
        Files.createDirectories(limits.spoolDirectory());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            file = Files.createTempFile(limits.spoolDirectory(), "tsunagi-open-", ".spool",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            file = Files.createTempFile(limits.spoolDirectory(), "tsunagi-open-", ".spool");
        }
        fileOut = new CipherOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                cipher(Cipher.ENCRYPT_MODE));
        memory.writeTo(fileOut);
        memory = new ByteArrayOutputStream();
    }

    // AES-CTR: confidentiality at rest for a file that lives seconds; integrity is checked by the SHA-256 on release.
    private Cipher cipher(int mode) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-CTR is not available", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
