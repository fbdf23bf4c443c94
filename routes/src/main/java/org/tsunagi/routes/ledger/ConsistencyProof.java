package org.tsunagi.routes.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** An RFC 9162 consistency proof between two sizes of the same append-only tree. */
public record ConsistencyProof(long fromSize, long toSize, List<byte[]> hashes) {

    public ConsistencyProof {
        hashes = List.copyOf(hashes);
    }

    /**
     * RFC 9162 section 2.1.4.2: true if the tree with root {@code fromRoot} at {@code fromSize} is a prefix of the
     * tree with root {@code toRoot} at {@code toSize}. Equal sizes need an empty proof and equal roots; the empty
     * tree is a prefix of every tree.
     */
    public boolean verify(byte[] fromRoot, byte[] toRoot) {
        if (fromSize < 0 || toSize < fromSize) {
            return false;
        }
        if (fromSize == toSize) {
            return hashes.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
        }
        if (fromSize == 0) {
            return hashes.isEmpty();
        }
        if (hashes.isEmpty()) {
            return false;
        }
        for (byte[] h : hashes) {
            if (h.length != MerkleHashes.SIZE) {
                return false;
            }
        }
        List<byte[]> path = new ArrayList<>(hashes);
        if (Long.bitCount(fromSize) == 1) {
            path.add(0, fromRoot);
        }
        long fn = fromSize - 1;
        long sn = toSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.interior(c, fr);
                sr = MerkleHashes.interior(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHashes.interior(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot);
    }
}
