package org.tsunagi.routes.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 6962/9162 test vectors published by transparency-dev/merkle (testonly/constants.go, proof/verify_test.go),
 * and random trees checked against a naive recursive recomputation of RFC 9162's definitions.
 */
class MerkleTreeTest {

    private static final String[] LEAF_INPUTS = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
    private static final HexFormat HEX = HexFormat.of();

    private static List<byte[]> vectorLeaves() {
        List<byte[]> leaves = new ArrayList<>();
        for (String input : LEAF_INPUTS) {
            leaves.add(MerkleHashes.leaf(HEX.parseHex(input)));
        }
        return leaves;
    }

    private static List<byte[]> hexes(String... hex) {
        return Arrays.stream(hex).map(HEX::parseHex).toList();
    }

    @Test
    void rootsMatchPublishedVectorsForEverySize() {
        List<byte[]> leaves = vectorLeaves();
        MerkleFrontier frontier = new MerkleFrontier();
        Map<TreeNode, byte[]> store = new HashMap<>();
        assertThat(HEX.formatHex(frontier.root())).isEqualTo(ROOTS[0]);
        for (int size = 1; size <= 8; size++) {
            frontier.append(leaves.get(size - 1)).forEach(n -> store.put(n.node(), n.hash()));
            assertThat(HEX.formatHex(frontier.root())).isEqualTo(ROOTS[size]);
            assertThat(HEX.formatHex(MerkleProofs.root(size, lookup(store)))).isEqualTo(ROOTS[size]);
            assertThat(HEX.formatHex(MerkleFrontier.of(size, lookup(store)).root())).isEqualTo(ROOTS[size]);
        }
        assertThat(HEX.formatHex(store.get(new TreeNode(1, 3))))
                .isEqualTo("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0");
    }

    @Test
    void inclusionProofsMatchPublishedVectors() {
        Map<TreeNode, byte[]> store = build(vectorLeaves());
        assertProof(MerkleProofs.inclusion(0, 8, lookup(store)).hashes(), hexes(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        assertProof(MerkleProofs.inclusion(5, 8, lookup(store)).hashes(), hexes(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        assertProof(MerkleProofs.inclusion(2, 3, lookup(store)).hashes(), hexes(
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
        assertProof(MerkleProofs.inclusion(1, 5, lookup(store)).hashes(), hexes(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
        assertThat(MerkleProofs.inclusion(0, 1, lookup(store)).hashes()).isEmpty();
        InclusionProof proof = MerkleProofs.inclusion(5, 8, lookup(store));
        assertThat(proof.verify(vectorLeaves().get(5), HEX.parseHex(ROOTS[8]))).isTrue();
    }

    @Test
    void consistencyProofsMatchPublishedVectors() {
        Map<TreeNode, byte[]> store = build(vectorLeaves());
        assertProof(MerkleProofs.consistency(1, 8, lookup(store)).hashes(), hexes(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        assertProof(MerkleProofs.consistency(6, 8, lookup(store)).hashes(), hexes(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        assertProof(MerkleProofs.consistency(2, 5, lookup(store)).hashes(), hexes(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
        assertProof(MerkleProofs.consistency(6, 7, lookup(store)).hashes(), hexes(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        assertThat(MerkleProofs.consistency(1, 1, lookup(store)).hashes()).isEmpty();
        assertThat(MerkleProofs.consistency(6, 8, lookup(store))
                .verify(HEX.parseHex(ROOTS[6]), HEX.parseHex(ROOTS[8]))).isTrue();
    }

    @Test
    void corruptedProofsAreRejected() {
        List<byte[]> leaves = vectorLeaves();
        Map<TreeNode, byte[]> store = build(leaves);
        byte[] root8 = HEX.parseHex(ROOTS[8]);
        InclusionProof good = MerkleProofs.inclusion(5, 8, lookup(store));
        assertThat(new InclusionProof(4, 8, good.hashes()).verify(leaves.get(5), root8)).isFalse();
        assertThat(new InclusionProof(5, 16, good.hashes()).verify(leaves.get(5), root8)).isFalse();
        assertThat(new InclusionProof(5, 4, good.hashes()).verify(leaves.get(5), root8)).isFalse();
        assertThat(good.verify(leaves.get(4), root8)).isFalse();
        assertThat(new InclusionProof(5, 8, good.hashes().subList(0, 2)).verify(leaves.get(5), root8)).isFalse();
        List<byte[]> extended = new ArrayList<>(good.hashes());
        extended.add(root8);
        assertThat(new InclusionProof(5, 8, extended).verify(leaves.get(5), root8)).isFalse();
        for (int i = 0; i < good.hashes().size(); i++) {
            List<byte[]> flipped = new ArrayList<>(good.hashes());
            byte[] h = flipped.get(i).clone();
            h[0] ^= 8;
            flipped.set(i, h);
            assertThat(new InclusionProof(5, 8, flipped).verify(leaves.get(5), root8)).isFalse();
        }

        byte[] root6 = HEX.parseHex(ROOTS[6]);
        ConsistencyProof consistency = MerkleProofs.consistency(6, 8, lookup(store));
        assertThat(new ConsistencyProof(5, 8, consistency.hashes()).verify(root6, root8)).isFalse();
        assertThat(new ConsistencyProof(6, 16, consistency.hashes()).verify(root6, root8)).isFalse();
        assertThat(consistency.verify(root8, root6)).isFalse();
        assertThat(new ConsistencyProof(6, 8, List.of()).verify(root6, root8)).isFalse();
        assertThat(new ConsistencyProof(6, 8, consistency.hashes().subList(0, 2)).verify(root6, root8)).isFalse();
        assertThat(new ConsistencyProof(8, 6, List.of()).verify(root8, root6)).isFalse();
        assertThat(new ConsistencyProof(0, 8, List.of()).verify(MerkleHashes.emptyRoot(), root8)).isTrue();
        assertThat(new ConsistencyProof(8, 8, List.of()).verify(root8, root8)).isTrue();
        assertThat(new ConsistencyProof(8, 8, List.of()).verify(root6, root8)).isFalse();
    }

    @Test
    void randomTreesAgreeWithNaiveRecomputation() {
        Random random = new Random(20261125L);
        for (int round = 0; round < 40; round++) {
            int n = 1 + random.nextInt(300);
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] data = new byte[random.nextInt(40)];
                random.nextBytes(data);
                leaves.add(MerkleHashes.leaf(data));
            }
            Map<TreeNode, byte[]> store = build(leaves);
            for (int probe = 0; probe < 10; probe++) {
                int size = 1 + random.nextInt(n);
                int index = random.nextInt(size);
                byte[] root = naiveRoot(leaves.subList(0, size));
                assertThat(MerkleProofs.root(size, lookup(store))).isEqualTo(root);
                InclusionProof proof = MerkleProofs.inclusion(index, size, lookup(store));
                assertProof(proof.hashes(), naivePath(index, leaves.subList(0, size)));
                assertThat(proof.verify(leaves.get(index), root)).isTrue();
                int from = 1 + random.nextInt(size);
                ConsistencyProof consistency = MerkleProofs.consistency(from, size, lookup(store));
                assertProof(consistency.hashes(), naiveConsistency(from, leaves.subList(0, size)));
                byte[] fromRoot = naiveRoot(leaves.subList(0, from));
                assertThat(consistency.verify(fromRoot, root)).isTrue();
                if (from < size) {
                    byte[] wrong = fromRoot.clone();
                    wrong[31] ^= 1;
                    assertThat(consistency.verify(wrong, root)).isFalse();
                }
            }
        }
    }

    @Test
    void missingStoredNodeIsReportedNotGuessed() {
        Map<TreeNode, byte[]> store = build(vectorLeaves());
        store.remove(new TreeNode(1, 1));
        assertThatThrownBy(() -> MerkleProofs.inclusion(0, 8, lookup(store)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("level=1, index=1");
        assertThatThrownBy(() -> MerkleProofs.inclusion(8, 8, lookup(store))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<TreeNode, byte[]> build(List<byte[]> leaves) {
        Map<TreeNode, byte[]> store = new HashMap<>();
        MerkleFrontier frontier = new MerkleFrontier();
        for (byte[] leaf : leaves) {
            frontier.append(leaf).forEach(n -> store.put(n.node(), n.hash()));
        }
        return store;
    }

    private static SubtreeHashes lookup(Map<TreeNode, byte[]> store) {
        return nodes -> {
            Map<TreeNode, byte[]> found = new HashMap<>();
            nodes.forEach(n -> {
                if (store.containsKey(n)) {
                    found.put(n, store.get(n));
                }
            });
            return found;
        };
    }

    private static void assertProof(List<byte[]> actual, List<byte[]> expected) {
        assertThat(actual.stream().map(HEX::formatHex).toList()).isEqualTo(expected.stream().map(HEX::formatHex).toList());
    }

    // Naive RFC 9162 definitions, straight from section 2.1.1, 2.1.3.1 and 2.1.4.1.
    private static byte[] naiveRoot(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return MerkleHashes.emptyRoot();
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleHashes.interior(naiveRoot(leaves.subList(0, k)), naiveRoot(leaves.subList(k, leaves.size())));
    }

    private static List<byte[]> naivePath(int m, List<byte[]> leaves) {
        List<byte[]> out = new ArrayList<>();
        if (leaves.size() > 1) {
            int k = Integer.highestOneBit(leaves.size() - 1);
            if (m < k) {
                out.addAll(naivePath(m, leaves.subList(0, k)));
                out.add(naiveRoot(leaves.subList(k, leaves.size())));
            } else {
                out.addAll(naivePath(m - k, leaves.subList(k, leaves.size())));
                out.add(naiveRoot(leaves.subList(0, k)));
            }
        }
        return out;
    }

    private static List<byte[]> naiveConsistency(int m, List<byte[]> leaves) {
        return m == leaves.size() ? List.of() : naiveSubproof(m, leaves, true);
    }

    private static List<byte[]> naiveSubproof(int m, List<byte[]> leaves, boolean b) {
        List<byte[]> out = new ArrayList<>();
        int n = leaves.size();
        if (m == n) {
            if (!b) {
                out.add(naiveRoot(leaves));
            }
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            out.addAll(naiveSubproof(m, leaves.subList(0, k), b));
            out.add(naiveRoot(leaves.subList(k, n)));
        } else {
            out.addAll(naiveSubproof(m - k, leaves.subList(k, n), false));
            out.add(naiveRoot(leaves.subList(0, k)));
        }
        return out;
    }
}
