package org.tsunagi.routes.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The right edge of a growing tree: the perfect subtrees covering [0, size), largest first. Appending a leaf
 * returns the perfect subtrees it completes (the nodes a store keeps); the root is their right fold. Memory and
 * work per leaf are O(log n), so it also recomputes the root of a whole log from a stream of leaf hashes.
 */
public final class MerkleFrontier {

    private final List<byte[]> hashes = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private long size;

    /** An empty tree. */
    public MerkleFrontier() {
    }

    /** The frontier of an existing tree of {@code size} leaves, read from its stored nodes. */
    public static MerkleFrontier of(long size, SubtreeHashes store) {
        MerkleFrontier frontier = new MerkleFrontier();
        List<TreeNode> edge = TreeNode.cover(0, size);
        Map<TreeNode, byte[]> stored = edge.isEmpty() ? Map.of() : store.hashes(edge);
        for (TreeNode node : edge) {
            byte[] hash = stored.get(node);
            if (hash == null) {
                throw new IllegalStateException("tree node " + node + " is missing from the ledger store");
            }
            frontier.hashes.add(hash);
            frontier.levels.add(node.level());
        }
        frontier.size = size;
        return frontier;
    }

    /** Number of leaves so far. */
    public long size() {
        return size;
    }

    /** Adds a leaf hash; returns the nodes it completes, the leaf itself first. */
    public List<StoredNode> append(byte[] leafHash) {
        if (leafHash.length != MerkleHashes.SIZE) {
            throw new IllegalArgumentException("a leaf hash has 32 bytes");
        }
        List<StoredNode> completed = new ArrayList<>();
        long index = size;
        byte[] hash = leafHash;
        int level = 0;
        completed.add(new StoredNode(new TreeNode(0, index), hash));
        while (!levels.isEmpty() && levels.get(levels.size() - 1) == level) {
            byte[] left = hashes.remove(hashes.size() - 1);
            levels.remove(levels.size() - 1);
            hash = MerkleHashes.interior(left, hash);
            level++;
            completed.add(new StoredNode(new TreeNode(level, index >> level), hash));
        }
        hashes.add(hash);
        levels.add(level);
        size++;
        return completed;
    }

    /** The root hash of the tree so far (RFC 9162 MTH). */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return MerkleHashes.emptyRoot();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = MerkleHashes.interior(hashes.get(i), root);
        }
        return root;
    }

    /** A perfect subtree and its hash, as a store keeps it. */
    public record StoredNode(TreeNode node, byte[] hash) {
    }
}
