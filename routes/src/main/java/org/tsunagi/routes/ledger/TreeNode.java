package org.tsunagi.routes.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A perfect subtree of the log: the 2^level leaves starting at index * 2^level. Once its last leaf is appended its
 * hash never changes, which is why the gateway stores exactly these nodes.
 */
public record TreeNode(int level, long index) {

    public TreeNode {
        if (level < 0 || level > 62 || index < 0) {
            throw new IllegalArgumentException("no tree node at level " + level + ", index " + index);
        }
    }

    /** First leaf covered. */
    public long start() {
        return index << level;
    }

    /** One past the last leaf covered. */
    public long end() {
        return (index + 1) << level;
    }

    /**
     * The perfect subtrees that cover leaves [start, end), largest first. For an RFC 9162 subtree, folding their
     * hashes from the right gives the subtree's hash; for [0, size) they are the tree's right edge ("frontier").
     */
    public static List<TreeNode> cover(long start, long end) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad leaf range [" + start + ", " + end + ")");
        }
        List<TreeNode> nodes = new ArrayList<>();
        long a = start;
        while (a < end) {
            int bySize = 63 - Long.numberOfLeadingZeros(end - a);
            int byAlignment = a == 0 ? 62 : Long.numberOfTrailingZeros(a);
            int level = Math.min(bySize, byAlignment);
            nodes.add(new TreeNode(level, a >> level));
            a += 1L << level;
        }
        return nodes;
    }
}
