package org.tsunagi.gateway.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.StoredEntry;
import org.tsunagi.gateway.security.ApiProblem;
import org.tsunagi.routes.ledger.InclusionProof;

/**
 * {@code GET /api/v1/audit/proofs/copies/{id}}: a recipient's own ledger entries about one of its copies (DISCLOSED,
 * DELIVERED, ACKNOWLEDGED), each with its RFC 9162 inclusion proof in the tree of {@code treeSize} entries (the
 * checkpoint the recipient verified). Scoped to the caller: another participant's copy id finds nothing.
 */
@RestController
@RequestMapping("/api/v1/audit/proofs")
@Tag(name = "audit")
class CopyProofsController {

    private static final int MAX_ENTRIES = 100;

    private final DisclosureLedger ledger;

    CopyProofsController(DisclosureLedger ledger) {
        this.ledger = ledger;
    }

    record Proof(long leafIndex, long treeSize, List<String> hashes) {
    }

    /** {@code proof} is null when the entry is not in the tree of {@code treeSize} entries yet. */
    record CopyEntry(long index, String leafHash, @JsonRawValue String entry, Proof proof) {
    }

    record CopyEntries(List<CopyEntry> items, String next) {
    }

    @Operation(summary = "Your entries about one of your copies, with inclusion proofs (recipients)",
            description = "The DISCLOSED, DELIVERED and ACKNOWLEDGED entries of copy `id` addressed to you, each with "
                    + "its RFC 9162 inclusion proof in the tree of `treeSize` entries (take it from a checkpoint you "
                    + "verified); `proof` is null for entries not yet in that tree.")
    @GetMapping(value = "/copies/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('RECIPIENT')")
    public CopyEntries copyEntries(@PathVariable UUID id, @RequestParam long treeSize, Authentication recipient) {
        // Entries get their index from the integrator shortly after their commit: a recipient that has just
        // downloaded or acknowledged its copy asks right after, so wait briefly rather than answer without them.
        AuditSearches.requireIntegrated(ledger);
        long size = ledger.size();
        if (treeSize < 1 || treeSize > size) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-tree-size",
                    "treeSize must be between 1 and the ledger size " + size);
        }
        List<CopyEntry> items = ledger.copyEntries(id.toString(), recipient.getName(), MAX_ENTRIES).stream()
                .map(stored -> item(stored, treeSize)).toList();
        return new CopyEntries(items, null);
    }

    private CopyEntry item(StoredEntry stored, long treeSize) {
        Proof proof = null;
        if (stored.index() < treeSize) {
            InclusionProof inclusion = ledger.inclusionProof(stored.index(), treeSize);
            proof = new Proof(inclusion.leafIndex(), inclusion.treeSize(),
                    inclusion.hashes().stream().map(h -> Base64.getEncoder().encodeToString(h)).toList());
        }
        return new CopyEntry(stored.index(), Base64.getEncoder().encodeToString(stored.leafHash()),
                stored.canonicalJson(), proof);
    }
}
