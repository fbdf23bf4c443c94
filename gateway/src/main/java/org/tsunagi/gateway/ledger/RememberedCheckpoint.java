package org.tsunagi.gateway.ledger;

import org.tsunagi.gateway.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.tsunagi.routes.ledger.Checkpoint;
import org.tsunagi.routes.ledger.CheckpointException;
import org.tsunagi.routes.ledger.CheckpointVerifier;

/**
 * The last checkpoint this gateway signed, kept outside the database: {@code <data-dir>/ledger/checkpoint.note}
 * (the signed note, written to a temporary file, forced to disk and renamed over the old one). Someone who can
 * rewrite the database cannot make the gateway forget the history it signed; re-verified with the gateway's own key
 * on every read, so the file cannot be swapped for a forged one either.
 */
final class RememberedCheckpoint {

    /** What the file holds: the signed note and what it says. */
    record Remembered(String note, Checkpoint checkpoint) {
    }

    private final Path file;
    private final CheckpointVerifier verifier;

    RememberedCheckpoint(Path file, CheckpointVerifier verifier) {
        this.file = file;
        this.verifier = verifier;
    }

    Path file() {
        return file;
    }

    /** The remembered checkpoint, or empty if none was kept yet; throws if the file is there but not ours. */
    synchronized Optional<Remembered> read() throws CheckpointException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String note;
        try {
            note = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage());
        }
        return Optional.of(new Remembered(note, verifier.verify(note)));
    }

    /**
     * Keeps the newest RFC 3161 timestamp next to the checkpoint file, outside the database too: {@code last.tsr}
     * (the DER response) and {@code last.tsr.note} (the signed note it covers), each written atomically.
     */
    synchronized void rememberTimestamp(String note, byte[] response) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        PrivateFiles.createDirectories(dir);
        byte[] text = note.getBytes(StandardCharsets.UTF_8);
        write(dir.resolve("last.tsr.note"), text, text.length);
        write(dir.resolve("last.tsr"), response, response.length);
    }

    private static void write(Path target, byte[] bytes, int length) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".timestamp", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes, 0, length));
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Keeps {@code note} unless the file already holds a checkpoint at least as large (commits may finish out of order). */
    synchronized void remember(String note, Checkpoint checkpoint) throws IOException {
        try {
            Optional<Remembered> current = read();
            if (current.isPresent() && current.get().checkpoint().treeSize() >= checkpoint.treeSize()) {
                return;
            }
        } catch (CheckpointException e) {
            // An unreadable file is reported by the self-check; never overwrite the evidence.
            throw new IOException("not replacing " + file + ": " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        PrivateFiles.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".checkpoint", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(note));
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
