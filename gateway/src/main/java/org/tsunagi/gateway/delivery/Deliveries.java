package org.tsunagi.gateway.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.security.ApiProblem;
import org.tsunagi.gateway.security.SignedReceipts;

/**
 * What the recipient's API calls do to the outbox and the ledger, each in one transaction: a download records
 * DELIVERED (every download, with the digest of the form sent), an acknowledgement ACKNOWLEDGED (once). A copy is only ever looked up together with its recipient, so a
 * participant asking for another's copy gets the same "not found" as for an id that does not exist.
 */
@Service
class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final Outbox outbox;
    private final SenderReceipts senderReceipts;
    private final SignedReceipts receipts;
    private final DisclosureLedger ledger;
    private final Clock clock;

    Deliveries(Outbox outbox, SenderReceipts senderReceipts, SignedReceipts receipts, DisclosureLedger ledger,
               Clock clock) {
        this.outbox = outbox;
        this.senderReceipts = senderReceipts;
        this.receipts = receipts;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Transactional
    OutboundCopy download(UUID copyId, String recipientId, DeliveryFormat format) {
        StoredCopy stored = outbox.find(copyId, recipientId).orElseThrow(ApiProblem::notFound);
        OutboundCopy copy = stored.copy();
        if (!copy.has(format)) {
            // Only the recipient's registered form was sealed; the plaintext is not kept to seal another later.
            throw notSealedAs(copy, format);
        }
        Instant now = clock.instant();
        outbox.recordDelivery(copyId, recipientId, format, now);
        ledger.append(copy.ledgerEntry(LedgerEvent.DELIVERED, now).actor(recipientId)
                .sealedSha256(copy.sha256(format))
                .details(Map.of("format", format.mediaType())).build());
        log.info("copy {} of message {} delivered to {} as {} (sha256 {})", copyId, copy.messageId(),
                recipientId, format.mediaType(), copy.sha256(format));
        return copy;
    }

    /** @param receipt the recipient's JWS receipt, or {@code null} */
    @Transactional
    void acknowledge(UUID copyId, String recipientId, String receipt) {
        StoredCopy stored = outbox.find(copyId, recipientId).orElseThrow(ApiProblem::notFound);
        if (stored.acknowledged()) {
            throw alreadyAcknowledged(copyId);
        }
        if (receipt != null) {
            receipts.verify(receipt, recipientId, copyId, stored.copy().forms().stream()
                    .map(stored.copy()::sha256).collect(Collectors.toUnmodifiableSet()));
        }
        Instant now = clock.instant();
        if (!outbox.acknowledge(copyId, recipientId, receipt, now)) {
            // Another instance acknowledged it between our read and our update.
            throw alreadyAcknowledged(copyId);
        }
        ledger.append(stored.copy().ledgerEntry(LedgerEvent.ACKNOWLEDGED, now).actor(recipientId)
                .sealedSha256(stored.copy().sealedSha256()).details(Map.of("signedReceipt", receipt != null)).build());
        log.info("copy {} of message {} acknowledged by {}{}", copyId, stored.copy().messageId(), recipientId,
                receipt == null ? "" : " with a signed receipt");
    }

    /**
     * A sender's own receipt, as signed and encrypted for its SFTP outbox. Not a disclosure, so not in the ledger;
     * the first download time is kept.
     */
    @Transactional
    SenderReceipts.StoredReceipt downloadReceipt(UUID receiptId, String senderId) {
        SenderReceipts.StoredReceipt stored = senderReceipts.find(receiptId, senderId)
                .orElseThrow(ApiProblem::notFound);
        senderReceipts.recordDelivery(receiptId, senderId, clock.instant());
        log.info("receipt {} ({}) delivered to {} (sha256 {})", receiptId, stored.fileName(), senderId,
                stored.cmsSha256());
        return stored;
    }

    /** @param signedAck the sender's JWS naming the receipt id (and optionally its SHA-256), or {@code null} */
    @Transactional
    void acknowledgeReceipt(UUID receiptId, String senderId, String signedAck) {
        SenderReceipts.StoredReceipt stored = senderReceipts.find(receiptId, senderId)
                .orElseThrow(ApiProblem::notFound);
        if (stored.acknowledgedAt() != null) {
            throw alreadyAcknowledged(receiptId);
        }
        if (signedAck != null) {
            receipts.verify(signedAck, senderId, receiptId, Set.of(stored.cmsSha256()));
        }
        if (!senderReceipts.acknowledge(receiptId, senderId, signedAck, clock.instant())) {
            throw alreadyAcknowledged(receiptId);
        }
        log.info("receipt {} acknowledged by {}{}", receiptId, senderId,
                signedAck == null ? "" : " with a signed receipt");
    }

    private static ApiProblem notSealedAs(OutboundCopy copy, DeliveryFormat asked) {
        String sealed = copy.forms().stream().map(DeliveryFormat::mediaType).collect(Collectors.joining(", "));
        ApiProblem problem = new ApiProblem(HttpStatus.NOT_ACCEPTABLE, "form-not-registered",
                "message " + copy.copyId() + " is sealed only as " + sealed
                        + " (your registered delivery form); ask for that, or have your delivery-form changed for "
                        + "later messages");
        problem.getBody().setProperty("sealedAs", copy.forms().stream().map(DeliveryFormat::mediaType).toList());
        return problem;
    }

    private static ApiProblem alreadyAcknowledged(UUID copyId) {
        return new ApiProblem(HttpStatus.CONFLICT, "already-acknowledged",
                "message " + copyId + " was already acknowledged");
    }
}
