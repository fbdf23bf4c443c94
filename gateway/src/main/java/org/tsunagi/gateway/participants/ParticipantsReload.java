package org.tsunagi.gateway.participants;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reloads the participant registry without a restart: when the file's content changes (checked every
 * {@code tsunagi.participants.reload-check}) or on request ({@code POST /actuator/participants}, which
 * {@code tsunagi participants reload} calls). The new file is validated exactly as at start; a bad file keeps the
 * registry in use, logs one line naming the file and the line or participant, and counts
 * {@code tsunagi_participants_reloads_total{outcome="refused"}}.
 */
public final class ParticipantsReload implements SmartLifecycle {

    /** What a reload did: {@code outcome} is reloaded, unchanged or refused. */
    public record Result(String outcome, int participants, Set<String> added, Set<String> removed, String problem) {
    }

    private static final Logger log = LoggerFactory.getLogger(ParticipantsReload.class);

    private final ParticipantRegistry registry;
    private final Path file;
    private final Set<String> messageTypes;
    private final Predicate<String> knownPurpose;
    private final Duration every;
    private final Counter reloaded;
    private final Counter refused;
    private String loadedDigest;
    private String refusedDigest;
    private ScheduledExecutorService executor;

    ParticipantsReload(ParticipantRegistry registry, Path file, Set<String> messageTypes,
                       Predicate<String> knownPurpose, Duration every, MeterRegistry meters) {
        this.registry = registry;
        this.file = file;
        this.messageTypes = messageTypes;
        this.knownPurpose = knownPurpose;
        this.every = every;
        this.reloaded = Counter.builder("tsunagi.participants.reloads").tag("outcome", "reloaded")
                .description("participant registry reloads, by outcome").register(meters);
        this.refused = Counter.builder("tsunagi.participants.reloads").tag("outcome", "refused")
                .description("participant registry reloads, by outcome").register(meters);
        this.loadedDigest = digest();
    }

    /** Loads the file now, whatever its digest; keeps the registry in use if the file is wrong. */
    public synchronized Result reload() {
        String digest = digest();
        ParticipantRegistry newer;
        try {
            newer = ParticipantRegistry.load(file, messageTypes, knownPurpose);
        } catch (InvalidParticipantsException e) {
            refused.increment();
            refusedDigest = digest;
            log.warn("participant registry NOT reloaded, still using the previous one: {}", e.getMessage());
            return new Result("refused", registry.all().size(), Set.of(), Set.of(), e.getMessage());
        }
        Set<String> before = ids(registry);
        Set<String> after = ids(newer);
        registry.adopt(newer);
        loadedDigest = digest;
        refusedDigest = null;
        reloaded.increment();
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        log.info("participant registry reloaded from {}: {} participants, added {}, removed {}", file, after.size(),
                added, removed);
        return new Result("reloaded", after.size(), added, removed, null);
    }

    /** The periodic check: reload when the content differs from what was loaded (or last refused). */
    synchronized void checkForChange() {
        String digest = digest();
        if (digest != null && !digest.equals(loadedDigest) && !digest.equals(refusedDigest)) {
            reload();
        }
    }

    private static Set<String> ids(ParticipantRegistry registry) {
        Set<String> ids = new TreeSet<>();
        registry.all().forEach(p -> ids.add(p.id()));
        return ids;
    }

    private String digest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return null;  // being replaced right now, or gone: the registry in use stays
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void start() {
        if (every.isZero() || every.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "participants-reload");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                checkForChange();
            } catch (RuntimeException e) {
                log.warn("participant registry check failed: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
