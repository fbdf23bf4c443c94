package org.tsunagi.routes.ledger;

import java.util.Base64;

/**
 * The body of a C2SP tlog-checkpoint: origin line, decimal tree size, base64 root hash, each ending in a newline.
 * This is the text a {@link CheckpointSigner} signs.
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash) {

    public Checkpoint {
        if (origin == null || origin.isBlank() || origin.contains("\n") || origin.startsWith(" ")) {
            throw new IllegalArgumentException("a checkpoint origin is one non-empty line");
        }
        if (treeSize < 0 || rootHash == null || rootHash.length != MerkleHashes.SIZE) {
            throw new IllegalArgumentException("a checkpoint needs a size >= 0 and a 32-byte root hash");
        }
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The signed text. */
    public String body() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /**
     * What a signed note says, without checking its signature: for clients that remember checkpoints by their
     * consistency alone (no trusted key at hand). Never a substitute for {@link CheckpointVerifier#verify}.
     */
    public static Checkpoint parseUnverified(String note) throws CheckpointException {
        int split = note == null ? -1 : note.indexOf("\n\n");
        if (split < 0 || note.length() > 1 << 16) {
            throw new CheckpointException("not a signed note");
        }
        return parseBody(note.substring(0, split + 1));
    }

    /** Parses a checkpoint body (extension lines after the third are allowed and ignored). */
    static Checkpoint parseBody(String body) throws CheckpointException {
        String[] lines = body.split("\n", -1);
        if (lines.length < 4 || !body.endsWith("\n")) {
            throw new CheckpointException("checkpoint body needs origin, size and root hash lines");
        }
        long size;
        try {
            if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
                throw new NumberFormatException(lines[1]);
            }
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new CheckpointException("checkpoint tree size is not a decimal number: " + lines[1]);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("checkpoint root hash is not base64");
        }
        try {
            return new Checkpoint(lines[0], size, root);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(e.getMessage());
        }
    }
}
