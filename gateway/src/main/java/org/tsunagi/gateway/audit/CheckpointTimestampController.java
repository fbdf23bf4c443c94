package org.tsunagi.gateway.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.security.ApiProblem;

/**
 * {@code GET /api/v1/audit/checkpoint/timestamp?size=}: the RFC 3161 time-stamp response an independent authority
 * gave for the checkpoint of that tree size, as stored (DER {@code TimeStampResp}).
 */
@RestController
@RequestMapping("/api/v1/audit/checkpoint")
@Tag(name = "audit")
class CheckpointTimestampController {

    static final String TIMESTAMP_REPLY = "application/timestamp-reply";

    private final DisclosureLedger ledger;

    CheckpointTimestampController(DisclosureLedger ledger) {
        this.ledger = ledger;
    }

    @Operation(summary = "The RFC 3161 timestamp of a checkpoint (any participant)",
            description = "The time-stamp response (DER) over the SHA-256 of the exact signed note of the checkpoint "
                    + "of tree size `size`; verify with `openssl ts -verify -in T.tsr -data checkpoint.txt -CAfile ...`.")
    @GetMapping(value = "/timestamp", produces = TIMESTAMP_REPLY)
    @PreAuthorize("hasAnyRole('AUDITOR', 'SENDER', 'RECIPIENT')")
    public ResponseEntity<byte[]> timestamp(@RequestParam long size) {
        if (size < 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-tree-size", "size must not be negative");
        }
        byte[] response = ledger.checkpointTimestamp(size).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                "no-timestamp", "no timestamp for a checkpoint of tree size " + size));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(TIMESTAMP_REPLY)).body(response);
    }
}
