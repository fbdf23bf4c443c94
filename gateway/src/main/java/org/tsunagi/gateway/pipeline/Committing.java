package org.tsunagi.gateway.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.tsunagi.gateway.delivery.OutboundCopy;
import org.tsunagi.gateway.delivery.Outbox;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.participants.DeliveryChannel;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.gateway.statistics.StatisticsReleases;
import org.tsunagi.routes.pipeline.Decision;
import org.tsunagi.routes.pipeline.Drop;
import org.tsunagi.routes.pipeline.MessageFacts;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.pipeline.Sealed;
import org.tsunagi.routes.pipeline.SealedCopy;
import org.tsunagi.routes.pipeline.WithheldCopy;
import org.tsunagi.routes.routing.InformationRequests;
import org.tsunagi.routes.routing.Refusal;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.model.InformationRequest;

/**
 * Step "commit": in ONE database transaction, the outbox rows (one per recipient), the ledger entries (DISCLOSED
 * per copy, REFUSED per refused recipient and per withheld copy), the statistics memory of the copies sent, the
 * accepted MessageId and the decision with its receipt (which names the withheld copies). A refusal
 * commits the same way: QUARANTINED (and REFUSED per refused recipient), the decision and the rejection receipt.
 *
 * <p>The primary keys make this exactly-once: a drop already decided (a crash between commit and finish, or another
 * gateway instance) is not decided again, and a MessageId accepted meanwhile by another drop turns this one into a
 * duplicate.
 */
final class Committing {

    private final Decisions decisions;
    private final Outbox outbox;
    private final DisclosureLedger ledger;
    private final Receipts receipts;
    private final ParticipantRegistry registry;
    private final Transactions transactions;
    private final Clock clock;
    private final StatisticsReleases statistics;

    Committing(Decisions decisions, Outbox outbox, DisclosureLedger ledger, Receipts receipts,
               ParticipantRegistry registry, Transactions transactions, Clock clock, StatisticsReleases statistics) {
        this.decisions = decisions;
        this.outbox = outbox;
        this.ledger = ledger;
        this.receipts = receipts;
        this.registry = registry;
        this.transactions = transactions;
        this.clock = clock;
        this.statistics = statistics;
    }

    /** Whatever was decided about this drop before, if anything. */
    Optional<Decision> recall(Drop drop) {
        return decisions.decision(drop.key()).map(d -> new Decision(drop, d.verdict(), d.reasonCode(), d.messageId()));
    }

    Decision commit(Sealed sealed) {
        ReadMessage read = sealed.read();
        Drop drop = read.drop();
        MessageFacts facts = read.facts();
        Instant now = clock.instant();
        List<WithheldCopy> withheld = sealed.redacted().withheld();
        Receipts.SealedReceipt receipt = receipts.accepted(drop, facts, withheld, now);
        try {
            return transactions.call(() -> {
                decisions.insert(new StoredDecision(drop.key(), drop.participantId(), drop.fileName(), drop.sha256(),
                        Decision.Verdict.ACCEPTED, null, facts.messageId(), facts.messageType(), receipt.fileName(),
                        receipt.cms(), now));
                UUID messageId = UUID.fromString(facts.messageId());
                decisions.accept(messageId, read.sender(), facts.messageType(), drop.key(), now);
                if (read.message() instanceof InformationRequest request) {
                    recordRequest(request, read, sealed);
                }
                List<LedgerEntry> entries = new ArrayList<>();
                for (SealedCopy copy : sealed.copies()) {
                    var terms = copy.redacted().disclosure().terms();
                    OutboundCopy row = OutboundCopy.of(copy.copyId(), messageId, read.sender(), copy.recipientId(),
                            facts.messageType(), terms.purpose(), terms.legalBasis().id(), facts.subjectRef(), now,
                            copy.cms(), copy.jose());
                    outbox.enqueue(row);
                    if (registry.find(copy.recipientId()).orElseThrow().delivery() == DeliveryChannel.SFTP) {
                        decisions.addSftpDelivery(copy.copyId(), drop.key(), copy.recipientId());
                    }
                    if (read.type() == MessageType.STATISTICS_REPORT) {
                        statistics.remember(read.opened().xml(), read.sender(), facts.messageId(), copy.recipientId(),
                                copy.redacted().xml(), now);
                    }
                    entries.add(row.ledgerEntry(LedgerEvent.DISCLOSED, now)
                            .fields(copy.redacted().fields())
                            .sealedSha256(row.sealedSha256())
                            .build());
                }
                for (Refusal refusal : sealed.redacted().routed().decision().refusals()) {
                    entries.add(refused(facts, read.sender(), refusal, now));
                }
                // A withheld copy: nothing sealed, nothing in the outbox, nothing remembered; only this entry.
                for (WithheldCopy copy : withheld) {
                    entries.add(withheld(facts, read.sender(), copy, now));
                }
                ledger.append(entries);
                return new Decision(drop, Decision.Verdict.ACCEPTED, null, facts.messageId());
            });
        } catch (DuplicateKeyException e) {
            return recall(drop).orElseGet(() -> refuse(drop, new MessageRefused(MessageRefused.Stage.AUTHORISE,
                    Authorising.DUPLICATE, "MessageId " + facts.messageId() + " was accepted meanwhile", facts)));
        }
    }

    Decision refuse(Drop drop, MessageRefused refusal) {
        MessageFacts facts = refusal.facts();
        Instant now = clock.instant();
        Receipts.SealedReceipt receipt = receipts.rejected(drop, refusal, now);
        try {
            return transactions.call(() -> {
                decisions.insert(new StoredDecision(drop.key(), drop.participantId(), drop.fileName(), drop.sha256(),
                        Decision.Verdict.REFUSED, refusal.reasonCode(), facts.messageId(), facts.messageType(),
                        receipt.fileName(), receipt.cms(), now));
                List<LedgerEntry> entries = new ArrayList<>();
                for (Refusal recipient : refusal.refusedRecipients()) {
                    entries.add(refused(facts, drop.participantId(), recipient, now));
                }
                for (WithheldCopy copy : refusal.withheld()) {
                    entries.add(withheld(facts, drop.participantId(), copy, now));
                }
                entries.add(entry(LedgerEvent.QUARANTINED, facts, now)
                        .sender(drop.participantId())
                        .reason(refusal.reasonCode())
                        .details(Map.of("file", drop.fileName(), "fileSha256", drop.sha256(),
                                "stage", refusal.stage().name()))
                        .build());
                ledger.append(entries);
                return new Decision(drop, Decision.Verdict.REFUSED, refusal.reasonCode(), facts.messageId());
            });
        } catch (DuplicateKeyException e) {
            return recall(drop).orElseThrow(() -> e);
        }
    }

    private void recordRequest(InformationRequest request, ReadMessage read, Sealed sealed) {
        Set<String> items = request.getRequestedItems() == null ? Set.of()
                : Set.copyOf(request.getRequestedItems().getItem());
        for (SealedCopy copy : sealed.copies()) {
            decisions.recordRequest(new InformationRequests.Request(read.facts().messageId(), read.sender(),
                    copy.recipientId(), items));
        }
    }

    private static LedgerEntry refused(MessageFacts facts, String sender, Refusal refusal, Instant now) {
        return entry(LedgerEvent.REFUSED, facts, now).sender(sender).recipient(refusal.recipientId())
                .reason(refusal.reason().name()).build();
    }

    /**
     * REFUSED for a withheld copy: the recipient, the agreement it would have been made under, the reason and the
     * report's tables (positions and the sender's table ids), never a figure.
     */
    static LedgerEntry withheld(MessageFacts facts, String sender, WithheldCopy copy, Instant now) {
        var terms = copy.disclosure().terms();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", MessageRefused.Stage.REDACT.name());
        if (!copy.tables().isEmpty()) {
            details.put("tables", copy.tables().stream().map(t -> String.valueOf(t.position()))
                    .collect(Collectors.joining(",")));
            details.put("tableIds", copy.tables().stream().map(t -> t.tableId() == null ? "" : t.tableId())
                    .collect(Collectors.joining(",")));
        }
        return entry(LedgerEvent.REFUSED, facts, now).sender(sender).recipient(copy.recipientId())
                .purpose(terms.purpose()).legalBasis(terms.legalBasis().id())
                .reason(copy.reasonCode()).details(details).build();
    }

    private static LedgerEntry.Builder entry(LedgerEvent event, MessageFacts facts, Instant now) {
        return new LedgerEntry.Builder(event, now).messageId(facts.messageId()).messageType(facts.messageType())
                .subjectHex(facts.subjectRef());
    }
}
