package org.tsunagi.routes.ledger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds RFC 9162 proofs (section 2.1.3.1 PATH, 2.1.4.1 PROOF/SUBPROOF) from stored perfect subtrees. Each proof
 * element is the hash of an RFC subtree; a subtree that is not perfect is folded from at most log2(n) stored
 * nodes, so a proof costs O(log n) node reads, made in one batch.
 */
public final class MerkleProofs {

    private MerkleProofs() {
    }

    /** The audit path of leaf {@code index} in the tree of {@code treeSize} leaves. */
    public static InclusionProof inclusion(long index, long treeSize, SubtreeHashes store) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf index " + index + " is not inside a tree of size " + treeSize);
        }
        List<long[]> ranges = new ArrayList<>();
        path(index, 0, treeSize, ranges);
        return new InclusionProof(index, treeSize, resolve(ranges, store));
    }

    /** The proof that the tree of {@code fromSize} leaves is a prefix of the tree of {@code toSize} leaves. */
    public static ConsistencyProof consistency(long fromSize, long toSize, SubtreeHashes store) {
        if (fromSize < 0 || toSize < fromSize) {
            throw new IllegalArgumentException("no consistency proof from size " + fromSize + " to " + toSize);
        }
        List<long[]> ranges = new ArrayList<>();
        if (fromSize > 0 && fromSize < toSize) {
            subproof(fromSize, 0, toSize, true, ranges);
        }
        return new ConsistencyProof(fromSize, toSize, resolve(ranges, store));
    }

    /** The root hash of the tree of {@code treeSize} leaves. */
    public static byte[] root(long treeSize, SubtreeHashes store) {
        if (treeSize == 0) {
            return MerkleHashes.emptyRoot();
        }
        return resolve(List.<long[]>of(new long[] {0, treeSize}), store).get(0);
    }

    private static void path(long m, long start, long end, List<long[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = MerkleHashes.splitPoint(n);
        if (m - start < k) {
            path(m, start, start + k, out);
            out.add(new long[] {start + k, end});
        } else {
            path(m, start + k, end, out);
            out.add(new long[] {start, start + k});
        }
    }

    private static void subproof(long m, long start, long end, boolean complete, List<long[]> out) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(new long[] {start, end});
            }
            return;
        }
        long k = MerkleHashes.splitPoint(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, out);
            out.add(new long[] {start + k, end});
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(new long[] {start, start + k});
        }
    }

    private static List<byte[]> resolve(List<long[]> ranges, SubtreeHashes store) {
        Set<TreeNode> wanted = new LinkedHashSet<>();
        for (long[] range : ranges) {
            wanted.addAll(TreeNode.cover(range[0], range[1]));
        }
        Map<TreeNode, byte[]> stored = wanted.isEmpty() ? Map.of() : store.hashes(wanted);
        List<byte[]> hashes = new ArrayList<>(ranges.size());
        for (long[] range : ranges) {
            List<TreeNode> cover = TreeNode.cover(range[0], range[1]);
            byte[] hash = require(stored, cover.get(cover.size() - 1));
            for (int i = cover.size() - 2; i >= 0; i--) {
                hash = MerkleHashes.interior(require(stored, cover.get(i)), hash);
            }
            hashes.add(hash);
        }
        return hashes;
    }

    private static byte[] require(Map<TreeNode, byte[]> stored, TreeNode node) {
        byte[] hash = stored.get(node);
        if (hash == null || hash.length != MerkleHashes.SIZE) {
            throw new IllegalStateException("tree node " + node + " is missing from the ledger store");
        }
        return hash;
    }
}
