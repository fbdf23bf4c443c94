package org.tsunagi.gateway.pipeline;

import org.tsunagi.gateway.PrivateFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagi.gateway.delivery.Outbox;
import org.tsunagi.gateway.delivery.StoredCopy;
import org.tsunagi.gateway.sftp.ParticipantHomes;
import org.tsunagi.routes.pipeline.Decision;
import org.tsunagi.routes.pipeline.Drop;

/**
 * Step "finish": a committed decision carried out: the receipt into the sender's outbox, each SFTP recipient's copy
 * into its outbox, and the input file out of the work area (to {@code processed/}, or to {@code quarantine/} with a
 * {@code <file>.reason.json} beside it). Every step is idempotent, so a crash anywhere in here only means doing the
 * rest again when the file is found once more. Files appear atomically (written under a dot-name, then renamed), so
 * a participant never reads half a file. Names there are the input's name and the drop key's first 16 digits; an
 * input name too long for that (and {@code .reason.json}) within the file system's 255 bytes is shortened.
 */
final class Finishing {

    /** The longest part of an input's name kept in processed/ and quarantine/ (255 - 17 - 12 - 13 bytes to spare: key, .reason.json, the temporary name's affixes). */
    static final int MAX_KEPT_NAME_BYTES = 200;

    private static final Logger log = LoggerFactory.getLogger(Finishing.class);

    private final ParticipantHomes homes;
    private final Decisions decisions;
    private final Outbox outbox;
    private final Transactions transactions;
    private final ObjectMapper json;
    private final WorkArea work;
    private final DropClaims claims;
    private final Clock clock;

    Finishing(ParticipantHomes homes, Decisions decisions, Outbox outbox, Transactions transactions,
              ObjectMapper json, WorkArea work, DropClaims claims, Clock clock) {
        this.homes = homes;
        this.work = work;
        this.claims = claims;
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
        String takeId = decision.drop().takeId();
        Path input = takeId != null ? work.file(sender, takeId, decision.drop().fileName())
                : homes.inbox(sender).resolve(stored.fileName());
        if (stored.verdict() == Decision.Verdict.ACCEPTED) {
            moveAway(input, moveTarget(homes.processed(sender), stored.fileName(), stored.dropKey()));
        } else {
            Path target = moveTarget(homes.quarantine(sender), stored.fileName(), stored.dropKey());
            writeOnce(target.resolveSibling(target.getFileName() + ".reason.json"), reason(stored));
            moveAway(input, target);
        }
        if (takeId != null) {
            claims.done(takeId);
            work.cleared(sender, takeId);
        }
        log.info("finished {}/{} sha256={} message={} verdict={} reason={}", sender, printable(stored.fileName()),
                stored.contentSha256(), stored.messageId(), stored.verdict(),
                stored.reasonCode() == null ? "-" : stored.reasonCode());
    }

    /**
     * The last resort for a drop whose refusal failed even after it was given up on: the file goes to quarantine
     * with a reason file ({@code INTERNAL_ERROR}, no receipt) and its claim is marked never to be tried again.
     */
    void abandon(Drop drop, Throwable failure) {
        String sender = drop.participantId();
        Path input = drop.takeId() != null ? work.file(sender, drop.takeId(), drop.fileName())
                : homes.inbox(sender).resolve(drop.fileName());
        String key = drop.takeId() != null ? Drop.of(sender, drop.takeId(), new byte[0], drop.receivedAt()).key()
                : drop.key();
        Path target = moveTarget(homes.quarantine(sender), drop.fileName(), key);
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("reasonCode", "INTERNAL_ERROR");
        reason.put("participant", sender);
        reason.put("file", drop.fileName());
        reason.put("sha256", drop.content().length > 0 ? drop.sha256() : null);
        reason.put("abandonedAt", clock.instant().toString());
        reason.put("failure", failure == null ? null : failure.getClass().getName());
        reason.put("receipt", null);
        try {
            writeOnce(target.resolveSibling(target.getFileName() + ".reason.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsBytes(reason));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        moveAway(input, target);
        if (drop.takeId() != null) {
            try {
                claims.abandon(drop.takeId(), clock.instant());
            } catch (RuntimeException e) {
                log.warn("abandoned drop {} keeps its claim row: {}", drop.takeId(), e.toString());
            }
            work.cleared(sender, drop.takeId());
        }
        log.error("abandoned {}/{} to quarantine without a receipt: even its refusal failed ({})", sender,
                printable(drop.fileName()), failure == null ? "-" : failure.getClass().getName());
    }

    /** A participant's file name as logs show it: control characters escaped (no forged log lines). */
    static String printable(String fileName) {
        StringBuilder out = new StringBuilder(fileName.length());
        fileName.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
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

    /** Where the input goes: its name (shortened if need be) and the drop key's first 16 digits. */
    static Path moveTarget(Path directory, String fileName, String dropKey) {
        return directory.resolve(keptName(fileName) + "." + dropKey.substring(0, 16));
    }

    /** The file name, cut at a character boundary to at most {@link #MAX_KEPT_NAME_BYTES} bytes of UTF-8. */
    static String keptName(String fileName) {
        if (fileName.getBytes(StandardCharsets.UTF_8).length <= MAX_KEPT_NAME_BYTES) {
            return fileName;
        }
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < fileName.length(); ) {
            int c = fileName.codePointAt(i);
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_KEPT_NAME_BYTES) {
                break;
            }
            kept.appendCodePoint(c);
            bytes += size;
            i += Character.charCount(c);
        }
        return kept.toString();
    }

    private static void moveAway(Path input, Path target) {
        try {
            PrivateFiles.createDirectories(target.getParent());
            Files.move(input, target, StandardCopyOption.ATOMIC_MOVE);
            PrivateFiles.restrict(target);
        } catch (NoSuchFileException e) {
            // Already moved: a second attempt after a crash, or another gateway instance finished it.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + input + " to " + target.getParent(), e);
        }
    }

    /** Writes {@code content} to {@code target} atomically, unless it is already there. */
    static void writeOnce(Path target, byte[] content) {
        if (Files.exists(target)) {
            return;
        }
        // A temporary name of its own: two workers may finish the same decision at once (a drop and its duplicate).
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000)) + ".tmp");
        try {
            PrivateFiles.createDirectories(target.getParent());
            PrivateFiles.write(temp, content);
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
