package org.tsunagi.routes.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9162 section 2.1.1 hashing with SHA-256: leaves are prefixed with 0x00, interior nodes with 0x01. */
public final class MerkleHashes {

    /** Length of every hash in the tree, in bytes. */
    public static final int SIZE = 32;

    private MerkleHashes() {
    }

    /** The hash of a leaf: SHA-256(0x00 || bytes). */
    public static byte[] leaf(byte[] leafBytes) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        return sha.digest(leafBytes);
    }

    /** The hash of an interior node: SHA-256(0x01 || left || right). */
    public static byte[] interior(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    /** The root of the empty tree: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** The largest power of two strictly smaller than n (n >= 2), the split point k of RFC 9162. */
    static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }
}
