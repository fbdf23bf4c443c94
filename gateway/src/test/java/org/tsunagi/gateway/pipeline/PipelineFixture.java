package org.tsunagi.gateway.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.sftp.ParticipantHomes;
import org.tsunagi.routes.pipeline.Drop;

/** Drops files into inboxes as an uploader would (temporary name, then rename) and reads what came out. */
final class PipelineFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ParticipantHomes homes;
    private final Decisions decisions;
    private final DisclosureLedger ledger;

    PipelineFixture(ParticipantHomes homes, Decisions decisions, DisclosureLedger ledger) {
        this.homes = homes;
        this.decisions = decisions;
        this.ledger = ledger;
    }

    /** Writes {@code sealed} into the participant's inbox and waits until the gateway has finished it. */
    StoredDecision drop(String participant, byte[] sealed) throws Exception {
        return drop(participant, "m-" + UUID.randomUUID() + ".p7m", sealed);
    }

    /** The same, under a given file name. */
    StoredDecision drop(String participant, String name, byte[] sealed) throws Exception {
        homes.prepare(participant);
        Path part = homes.inbox(participant).resolve(".upload-" + UUID.randomUUID() + ".part");
        Files.write(part, sealed);
        Files.move(part, homes.inbox(participant).resolve(name));
        return await(participant, name, sealed);
    }

    StoredDecision await(String participant, String name, byte[] sealed) throws Exception {
        String key = Drop.of(participant, name, sealed, java.time.Instant.EPOCH).key();
        Path input = homes.inbox(participant).resolve(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StoredDecision> decision = decisions.decision(key);
            if (decision.isPresent() && !Files.exists(input) && (Files.exists(processed(decision.get()))
                    || Files.exists(quarantined(decision.get())))) {
                return decision.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the gateway did not finish " + participant + "/" + name);
    }

    byte[] receipt(StoredDecision decision) throws IOException {
        return Files.readAllBytes(homes.outbox(decision.participantId()).resolve(decision.receiptName()));
    }

    Path quarantined(StoredDecision decision) {
        return Finishing.moveTarget(homes.quarantine(decision.participantId()), decision.fileName(),
                decision.dropKey());
    }

    Path processed(StoredDecision decision) {
        return Finishing.moveTarget(homes.processed(decision.participantId()), decision.fileName(),
                decision.dropKey());
    }

    Map<String, Object> reason(StoredDecision decision) throws IOException {
        Path file = quarantined(decision).resolveSibling(quarantined(decision).getFileName() + ".reason.json");
        return JSON.readValue(file.toFile(), new TypeReference<>() { });
    }

    /** The ledger entries naming this message id, or (for unreadable files) naming this file's digest. */
    List<Map<String, Object>> ledger(String messageIdOrFileSha256) throws IOException {
        ledger.integrateNow();
        try (Stream<Map<String, Object>> entries = ledger.entries(0, ledger.size()).stream().map(e -> {
            try {
                return JSON.readValue(e.canonicalJson(), new TypeReference<Map<String, Object>>() { });
            } catch (IOException x) {
                throw new IllegalStateException(x);
            }
        })) {
            return entries.filter(e -> messageIdOrFileSha256.equals(e.get("messageId"))
                    || e.get("details") instanceof Map<?, ?> d && messageIdOrFileSha256.equals(d.get("fileSha256")))
                    .toList();
        }
    }

    List<Path> outboxFiles(String participant) throws IOException {
        homes.prepare(participant);
        try (Stream<Path> files = Files.list(homes.outbox(participant))) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
