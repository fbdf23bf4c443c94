package org.tsunagi.gateway.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagi.gateway.delivery.Outbox;
import org.tsunagi.gateway.delivery.StoredCopy;
import org.tsunagi.gateway.sftp.ParticipantHomes;
import org.tsunagi.routes.pipeline.Decision;

/**
 * Finishes a committed decision: the receipt into the sender's outbox, each SFTP recipient's copy into its outbox,
 * and the input file out of the inbox (to {@code processed/}, or to {@code quarantine/} with a
 * {@code <file>.reason.json} beside it). Every step is idempotent, so a crash anywhere in here only means doing the
 * rest again when the file is found once more. Files appear atomically (written under a dot-name, then renamed), so
 * a participant never reads half a file.
 */
final class DropFinisher {

    private static final Logger log = LoggerFactory.getLogger(DropFinisher.class);

    private final ParticipantHomes homes;
    private final Decisions decisions;
    private final Outbox outbox;
    private final Transactions transactions;
    private final ObjectMapper json;
    private final Clock clock;

    DropFinisher(ParticipantHomes homes, Decisions decisions, Outbox outbox, Transactions transactions,
                 ObjectMapper json, Clock clock) {
        this.homes = homes;
        this.decisions = decisions;
        this.outbox = outbox;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    void finish(Decision decision) {
        StoredDecision stored = decisions.decision(decision.drop().key()).orElseThrow(() -> new IllegalStateException(
                "no committed decision for " + decision.drop()));
        String sender = stored.participantId();
        writeOnce(homes.outbox(sender).resolve(stored.receiptName()), stored.receipt());
        for (Decisions.SftpDelivery delivery : decisions.sftpDeliveries(stored.dropKey())) {
            if (delivery.written()) {
                continue;
            }
            StoredCopy copy = outbox.find(delivery.copyId(), delivery.recipientId()).orElseThrow(() ->
                    new IllegalStateException("outbox copy " + delivery.copyId() + " is missing"));
            writeOnce(homes.outbox(delivery.recipientId()).resolve(delivery.copyId() + ".p7m"), copy.copy().cms());
            transactions.run(() -> decisions.markWritten(delivery.copyId(), clock.instant()));
        }
        Path input = homes.inbox(sender).resolve(stored.fileName());
        if (stored.verdict() == Decision.Verdict.ACCEPTED) {
            moveAway(input, homes.processed(sender), stored);
        } else {
            Path target = moveTarget(homes.quarantine(sender), stored);
            writeOnce(target.resolveSibling(target.getFileName() + ".reason.json"), reason(stored));
            moveAway(input, homes.quarantine(sender), stored);
        }
        log.info("finished {}/{} sha256={} message={} verdict={} reason={}", sender, stored.fileName(),
                stored.contentSha256(), stored.messageId(), stored.verdict(),
                stored.reasonCode() == null ? "-" : stored.reasonCode());
    }

    private byte[] reason(StoredDecision stored) {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("reasonCode", stored.reasonCode());
        reason.put("participant", stored.participantId());
        reason.put("file", stored.fileName());
        reason.put("sha256", stored.contentSha256());
        reason.put("messageId", stored.messageId());
        reason.put("messageType", stored.messageType());
        reason.put("decidedAt", stored.decidedAt().toString());
        reason.put("receipt", stored.receiptName());
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(reason);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the input goes: its own name, or with the drop key added when that name was taken by another drop. */
    private static Path moveTarget(Path directory, StoredDecision stored) {
        return directory.resolve(stored.fileName() + "." + stored.dropKey().substring(0, 16));
    }

    private static void moveAway(Path input, Path directory, StoredDecision stored) {
        try {
            Files.createDirectories(directory);
            Files.move(input, moveTarget(directory, stored), StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            // Already moved: a second attempt after a crash, or another gateway instance finished it.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + input + " to " + directory, e);
        }
    }

    /** Writes {@code content} to {@code target} atomically, unless it is already there. */
    static void writeOnce(Path target, byte[] content) {
        if (Files.exists(target)) {
            return;
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
