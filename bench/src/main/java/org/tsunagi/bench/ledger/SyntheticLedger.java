package org.tsunagi.bench.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.ledger.SearchColumns;
import org.tsunagi.gateway.ledger.StoredEntry;
import org.tsunagi.routes.ledger.InclusionProof;
import org.tsunagi.routes.ledger.MerkleHashes;
import org.tsunagi.routes.ledger.SubjectKey;
import org.tsunagi.routes.redaction.DisclosedField;

/** The benchmarks' ledger: entry {@code i} as the pipeline would write it, and timed proofs over the whole tree. */
final class SyntheticLedger {

    private SyntheticLedger() {
    }

    /** How many different subjects the entries are about. */
    static final int SUBJECTS = 50_000;

    /** A DISCLOSED entry of copy {@code i}, of the size and shape the pipeline writes. */
    static LedgerEntry entry(long i, SubjectKey subjects) {
        return entry(i, subjects, null);
    }

    /** {@link #entry(long, SubjectKey)}, keeping the subject references computed in {@code subjectHex} (bulk loads). */
    static LedgerEntry entry(long i, SubjectKey subjects, String[] subjectHex) {
        int subject = (int) (i % SUBJECTS);
        String hex = subjectHex == null ? null : subjectHex[subject];
        if (hex == null) {
            hex = subjects.reference("inmate-number", "N" + subject).hex();
            if (subjectHex != null) {
                subjectHex[subject] = hex;
            }
        }
        return new LedgerEntry.Builder(LedgerEvent.DISCLOSED, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i % 86_400_000))
                .messageId(new UUID(0x6b1f7c2e00004000L, 0x8000000000000000L | i).toString())
                .messageType("ReleaseNotice").copyId("copy-" + i)
                .sender("facility-nagoya").recipient(i % 2 == 0 ? "231002" : "230006")
                .purpose("reintegration-support").legalBasis("Recidivism Prevention Act art. 24")
                .subjectHex(hex)
                .fields(List.of(new DisclosedField("ReleaseNotice/PlannedReleaseDate", "keep"),
                        new DisclosedField("ReleaseNotice/Person/BirthDate", "generalise:year")))
                .sealedSha256(String.format("%064x", i)).build();
    }

    /**
     * Times {@code proofs} random inclusion proofs at the full tree size (after 2,000 warm-up proofs), checks every
     * one against the root with its leaf recomputed from the stored entry, and prints the latency.
     */
    static void timeInclusionProofs(DisclosureLedger ledger, int proofs, Random random, String where) {
        long size = ledger.size();
        byte[] root = ledger.rootHash(size);
        for (int i = 0; i < 2_000; i++) {
            ledger.inclusionProof(Math.floorMod(random.nextLong(), size), size); // warm-up: JIT and page cache
        }
        long[] nanos = new long[proofs];
        long[] indices = new long[proofs];
        List<InclusionProof> results = new ArrayList<>(proofs);
        for (int i = 0; i < proofs; i++) {
            indices[i] = Math.floorMod(random.nextLong(), size);
            long t0 = System.nanoTime();
            results.add(ledger.inclusionProof(indices[i], size));
            nanos[i] = System.nanoTime() - t0;
        }
        for (int i = 0; i < proofs; i++) {
            StoredEntry stored = ledger.entries(indices[i], indices[i] + 1).get(0);
            byte[] leaf = MerkleHashes.leaf(stored.canonicalJson().getBytes(StandardCharsets.UTF_8));
            if (!Arrays.equals(leaf, stored.leafHash()) || !results.get(i).verify(leaf, root)
                    || !stored.columns().equals(SearchColumns.fromJson(stored.canonicalJson()))) {
                throw new IllegalStateException("proof for entry " + indices[i] + " does not verify");
            }
        }
        Arrays.sort(nanos);
        System.out.printf("ledger size %,d%s: %,d random inclusion proofs (%d hashes each), all verified against the "
                + "root (and their search columns against the entry)%n", size, where, proofs, results.get(0).hashes().size());
        System.out.printf("inclusion proof latency: mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                Arrays.stream(nanos).average().orElse(0) / 1e6, nanos[proofs / 2] / 1e6,
                nanos[(int) (proofs * 0.99)] / 1e6, nanos[proofs - 1] / 1e6);
    }
}
