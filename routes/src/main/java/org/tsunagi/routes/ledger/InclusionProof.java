package org.tsunagi.routes.ledger;

import java.security.MessageDigest;
import java.util.List;

/** An RFC 9162 inclusion proof (audit path) of one leaf in a tree of a given size. */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> hashes) {

    public InclusionProof {
        hashes = List.copyOf(hashes);
    }

    /** RFC 9162 section 2.1.3.2: true if the path leads from {@code leafHash} to {@code rootHash}. */
    public boolean verify(byte[] leafHash, byte[] rootHash) {
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.length != MerkleHashes.SIZE) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : hashes) {
            if (sn == 0 || p.length != MerkleHashes.SIZE) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.interior(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleHashes.interior(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, rootHash);
    }
}
