package org.tsunagi.gateway.portal;

/**
 * RFC 6962/9162 test vectors published by transparency-dev/merkle (testonly/constants.go, proof/verify_test.go), the
 * same the routes module's MerkleTreeTest checks the Java side with, and the script that runs the portal's own
 * verifiers on them inside the browser. Each result is named, so a failure says which vector broke.
 */
final class MerkleVectors {

    static final String[] LEAF_INPUTS = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    static final String[] ROOTS = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    /** {leafIndex, treeSize, proof...}. */
    static final String[][] INCLUSION = {
            {"0", "8", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"},
            {"5", "8", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"},
            {"2", "3", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"},
            {"1", "5", "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"},
            {"0", "1"}};

    /** {firstSize, secondSize, proof...}. */
    static final String[][] CONSISTENCY = {
            {"1", "8", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"},
            {"6", "8", "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"},
            {"2", "5", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"},
            {"6", "7", "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"},
            {"1", "1"}};

    private MerkleVectors() {
    }

    static String asJson() {
        StringBuilder json = new StringBuilder("{\"leaves\":").append(array(LEAF_INPUTS)).append(",\"roots\":")
                .append(array(ROOTS)).append(",\"inclusion\":[");
        for (int i = 0; i < INCLUSION.length; i++) {
            json.append(i > 0 ? "," : "").append(array(INCLUSION[i]));
        }
        json.append("],\"consistency\":[");
        for (int i = 0; i < CONSISTENCY.length; i++) {
            json.append(i > 0 ? "," : "").append(array(CONSISTENCY[i]));
        }
        return json.append("]}").toString();
    }

    private static String array(String[] values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            out.append(i > 0 ? "," : "").append('"').append(values[i]).append('"');
        }
        return out.append(']').toString();
    }

    /**
     * Arguments: the vectors as JSON, a checkpoint note signed by the Java signer, its verifier key, another key.
     * Answers a JSON object of named booleans (true = as expected).
     */
    static final String SCRIPT = """
            const done = arguments[arguments.length - 1];
            const [vectorsJson, note, vkey, otherKey] = arguments;
            (async () => {
              const m = await import('/portal/js/merkle.js');
              const b = await import('/portal/js/bytes.js');
              const c = await import('/portal/js/checkpoint.js');
              const v = JSON.parse(vectorsJson);
              const r = {};
              const leaves = [];
              for (const input of v.leaves) leaves.push(await m.leafHash(b.fromHex(input)));
              for (let size = 0; size <= 8; size++) {
                r['root ' + size] = b.hex(await m.rootOf(leaves.slice(0, size))) === v.roots[size];
              }
              const root = (n) => b.fromHex(v.roots[n]);
              const flip = (bytes) => { const c2 = bytes.slice(); c2[0] ^= 1; return c2; };
              for (const [index, size, ...hashes] of v.inclusion) {
                const i = Number(index), n = Number(size), proof = hashes.map(b.fromHex);
                const name = `inclusion ${i} in ${n}`;
                r[name] = await m.verifyInclusion(i, n, leaves[i], proof, root(n));
                r[name + ' wrong leaf refused'] = !(await m.verifyInclusion(i, n, flip(leaves[i]), proof, root(n)));
                r[name + ' wrong root refused'] = !(await m.verifyInclusion(i, n, leaves[i], proof, flip(root(n))));
                r[name + ' extended proof refused'] = !(await m.verifyInclusion(i, n, leaves[i], [...proof, leaves[0]], root(n)));
                if (proof.length > 0) {
                  r[name + ' tampered proof refused'] = !(await m.verifyInclusion(i, n, leaves[i], [flip(proof[0]), ...proof.slice(1)], root(n)));
                  r[name + ' truncated proof refused'] = !(await m.verifyInclusion(i, n, leaves[i], proof.slice(1), root(n)));
                  r[name + ' wrong index refused'] = !(await m.verifyInclusion(i ^ 1, n, leaves[i], proof, root(n)));
                }
              }
              r['inclusion index beyond size refused'] = !(await m.verifyInclusion(8, 8, leaves[0], [], root(8)));
              for (const [first, second, ...hashes] of v.consistency) {
                const f = Number(first), s = Number(second), proof = hashes.map(b.fromHex);
                const name = `consistency ${f} to ${s}`;
                r[name] = await m.verifyConsistency(f, s, proof, root(f), root(s));
                r[name + ' wrong old root refused'] = !(await m.verifyConsistency(f, s, proof, flip(root(f)), root(s)));
                r[name + ' wrong new root refused'] = !(await m.verifyConsistency(f, s, proof, root(f), flip(root(s))));
                if (proof.length > 0) {
                  r[name + ' tampered proof refused'] = !(await m.verifyConsistency(f, s, [...proof.slice(0, -1), flip(proof[proof.length - 1])], root(f), root(s)));
                  r[name + ' truncated proof refused'] = !(await m.verifyConsistency(f, s, proof.slice(0, -1), root(f), root(s)));
                }
              }
              r['consistency shrinking refused'] = !(await m.verifyConsistency(8, 6, [], root(8), root(6)));
              // RFC 8785: keys sorted, no spaces, ECMAScript numbers and strings.
              r['canonical json'] = m.canonicalJson({ b: 1, a: [true, null, 'x\\n'], 'é': 'ü', A: { z: 2, y: '1' } })
                  === '{"A":{"y":"1","z":2},"a":[true,null,"x\\\\n"],"b":1,"é":"ü"}';
              // RFC 8032 §7.1 test 1: Ed25519 in this browser's WebCrypto.
              const ed = await crypto.subtle.importKey('raw', b.fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'), { name: 'Ed25519' }, false, ['verify']);
              r['ed25519 rfc8032 test 1'] = await crypto.subtle.verify({ name: 'Ed25519' }, ed, b.fromHex('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'), new Uint8Array());
              // A checkpoint signed by the gateway's Java signer.
              const verifier = await c.parseVerifierKey(vkey);
              const checkpoint = await c.verifyCheckpoint(note, verifier);
              r['checkpoint verified'] = checkpoint.treeSize === 8 && b.hex(checkpoint.root) === v.roots[8];
              const refused = async (text, key) => {
                try { await c.verifyCheckpoint(text, key); return false; } catch (e) { return e instanceof c.CheckpointError; }
              };
              r['checkpoint with changed size refused'] = await refused(note.replace('\\n8\\n', '\\n9\\n'), verifier);
              r['checkpoint with changed root refused'] = await refused(note.replace(/\\n[A-Za-z0-9+\\/]{43}=\\n/, '\\n' + b.base64(new Uint8Array(32)) + '\\n'), verifier);
              r['checkpoint by another key refused'] = await refused(note, await c.parseVerifierKey(otherKey));
              r['checkpoint without signature refused'] = await refused(note.substring(0, note.indexOf('\\n\\n') + 2), verifier);
              let badKey = false;
              try { await c.parseVerifierKey(vkey.replace(/\\+[0-9a-f]{8}\\+/, '+00000000+')); } catch (e) { badKey = true; }
              r['verifier key with wrong id refused'] = badKey;
              // The demo gateway's published key: its base64 part contains '+'.
              const demo = await c.parseVerifierKey('tsunagi-gateway/ledger+f7f3135a+AR60zkD7ZbBJFTgMBsCbFxFasGdg1fA0GkJ35U9+yP+V');
              r['demo verifier key parsed'] = demo.name === 'tsunagi-gateway/ledger' && b.hex(demo.keyId) === 'f7f3135a';
              return r;
            })().then((r) => done(JSON.stringify(r)), (e) => done(JSON.stringify({ error: String(e && e.stack || e) })));
            """;
}
