package org.tsunagi.cli.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.tsunagi.cli.ledger.LedgerVerifyCommand.VerificationFailure;
import org.tsunagi.routes.ledger.Checkpoint;
import org.tsunagi.routes.ledger.CheckpointException;
import org.tsunagi.routes.ledger.CheckpointVerifier;
import org.tsunagi.routes.ledger.MerkleHashes;

/**
 * What {@code --state FILE} keeps between runs: FILE is the last verified signed checkpoint (re-verified on every
 * read), FILE.leaves the 32-byte leaf hashes of its entries in index order, which lets the next run name the first
 * entry that changed. A missing FILE means a first run.
 */
record LedgerState(Checkpoint checkpoint, byte[] leafHashes) {

    static LedgerState read(Path file, CheckpointVerifier verifier) throws IOException, VerificationFailure {
        if (!Files.exists(file)) {
            return null;
        }
        Checkpoint checkpoint;
        try {
            checkpoint = verifier.verify(Files.readString(file, StandardCharsets.UTF_8));
        } catch (CheckpointException e) {
            throw new VerificationFailure("state file " + file + ": " + e.getMessage());
        }
        Path leavesFile = leavesOf(file);
        byte[] leaves = Files.exists(leavesFile) ? Files.readAllBytes(leavesFile) : new byte[0];
        if (leaves.length != checkpoint.treeSize() * MerkleHashes.SIZE) {
            throw new VerificationFailure("state file " + leavesFile + " does not hold the " + checkpoint.treeSize()
                    + " leaf hashes of its checkpoint");
        }
        return new LedgerState(checkpoint, leaves);
    }

    byte[] leaf(long index) {
        int from = Math.toIntExact(index * MerkleHashes.SIZE);
        return Arrays.copyOfRange(leafHashes, from, from + MerkleHashes.SIZE);
    }

    static void write(Path file, String note, byte[] leaves) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmpLeaves = Files.createTempFile(dir, ".ledger-leaves", ".tmp");
        Files.write(tmpLeaves, leaves);
        Files.move(tmpLeaves, leavesOf(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path tmpNote = Files.createTempFile(dir, ".ledger-state", ".tmp");
        Files.writeString(tmpNote, note, StandardCharsets.UTF_8);
        Files.move(tmpNote, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path leavesOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".leaves");
    }
}
