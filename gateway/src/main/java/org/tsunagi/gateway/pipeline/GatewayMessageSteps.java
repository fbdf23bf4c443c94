package org.tsunagi.gateway.pipeline;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagi.routes.pipeline.Decision;
import org.tsunagi.routes.pipeline.Drop;
import org.tsunagi.routes.pipeline.MessageFacts;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.MessageSteps;
import org.tsunagi.routes.pipeline.Opened;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.pipeline.Redacted;
import org.tsunagi.routes.pipeline.Routed;
import org.tsunagi.routes.pipeline.Sealed;

/** The steps of {@link org.tsunagi.routes.pipeline.MessageRoute}, each timed, and the failure policy. */
final class GatewayMessageSteps implements MessageSteps {

    static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    private static final Logger log = LoggerFactory.getLogger(GatewayMessageSteps.class);

    private final Opening opening;
    private final Reading reading;
    private final Authorising authorising;
    private final Routing routing;
    private final Redacting redacting;
    private final Sealing sealing;
    private final Committing committing;
    private final Finishing finisher;
    private final PipelineMetrics metrics;
    private final DropClaims claims;
    private final PipelineHealth health;
    private final PipelineProperties properties;
    private final Clock clock;

    GatewayMessageSteps(Opening opening, Reading reading, Authorising authorising, Routing routing,
                        Redacting redacting, Sealing sealing, Committing committing, Finishing finisher,
                        PipelineMetrics metrics, DropClaims claims, PipelineHealth health,
                        PipelineProperties properties, Clock clock) {
        this.claims = claims;
        this.health = health;
        this.properties = properties;
        this.clock = clock;
        this.opening = opening;
        this.reading = reading;
        this.authorising = authorising;
        this.routing = routing;
        this.redacting = redacting;
        this.sealing = sealing;
        this.committing = committing;
        this.finisher = finisher;
        this.metrics = metrics;
    }

    /**
     * The per-drop processing deadline, between steps: the open step checks it while it reads (the bytes an attacker
     * controls most), every later step before it starts, so that a drop is decided within about the deadline plus
     * one step, never left to run on.
     */
    private void inTime(Opened opened, MessageRefused.Stage stage, MessageFacts facts) {
        if (clock.instant().isAfter(opened.deadline())) {
            throw new MessageRefused(stage, "PROCESSING_TIMEOUT", "the drop was not decided within the processing "
                    + "deadline (tsunagi.intake.processing-deadline); refused before " + stage, facts);
        }
    }

    @Override
    public Optional<Decision> recall(Drop drop) {
        return metrics.time("recall", () -> committing.recall(drop));
    }

    @Override
    public Opened open(Drop drop) {
        int attempts = attempts(drop);
        if (attempts > properties.maxAttempts()) {
            // The previous attempt died without recording its failure (the JVM was killed, the database was down).
            throw internalError(drop, "open", attempts);
        }
        return metrics.time("open", () -> opening.open(drop));
    }

    @Override
    public ReadMessage read(Opened opened) {
        inTime(opened, MessageRefused.Stage.READ, null);
        return metrics.time("read", () -> reading.read(opened));
    }

    @Override
    public ReadMessage authorise(ReadMessage message) {
        inTime(message.opened(), MessageRefused.Stage.AUTHORISE, message.facts());
        return metrics.time("authorise", () -> authorising.authorise(message));
    }

    @Override
    public Routed route(ReadMessage message) {
        inTime(message.opened(), MessageRefused.Stage.ROUTE, message.facts());
        return metrics.time("route", () -> routing.route(message));
    }

    @Override
    public Redacted redact(Routed routed) {
        inTime(routed.read().opened(), MessageRefused.Stage.REDACT, routed.read().facts());
        return metrics.time("redact", () -> redacting.redact(routed));
    }

    @Override
    public Sealed seal(Redacted redacted) {
        inTime(redacted.routed().read().opened(), MessageRefused.Stage.SEAL, redacted.routed().read().facts());
        return metrics.time("seal", () -> sealing.seal(redacted));
    }

    @Override
    public Decision commit(Sealed sealed) {
        inTime(sealed.read().opened(), MessageRefused.Stage.COMMIT, sealed.read().facts());
        Decision decision = metrics.time("commit", () -> committing.commit(sealed));
        health.decided();
        metrics.decided(sealed.read().facts().messageType(), decision.verdict() == Decision.Verdict.ACCEPTED,
                decision.reasonCode());
        if (decision.verdict() == Decision.Verdict.ACCEPTED) {
            sealed.redacted().withheld().forEach(w -> metrics.withheld(w.reasonCode()));
        }
        return decision;
    }

    @Override
    public Decision refuse(Drop drop, MessageRefused refusal) {
        Decision decision = metrics.time("commit", () -> committing.refuse(drop, refusal));
        health.decided();
        // The decision may be another instance's, taken meanwhile (even an acceptance): count what was decided.
        metrics.decided(refusal.facts().messageType(), decision.verdict() == Decision.Verdict.ACCEPTED,
                decision.reasonCode());
        return decision;
    }

    @Override
    public void finish(Decision decision) {
        metrics.time("finish", () -> {
            finisher.finish(decision);
            return null;
        });
    }

    @Override
    public Optional<MessageRefused> failed(Drop drop, String step, Throwable failure) {
        metrics.failed(step, failure);
        health.failed(step, failure, clock.instant());
        int attempts = attempts(drop);
        if (failure instanceof VirtualMachineError) {
            log.error("{} failed on {} (attempt {} of {}): {}", step, drop, attempts, properties.maxAttempts(),
                    failure.toString());
        } else {
            log.warn("{} failed on {} (attempt {} of {})", step, drop, attempts, properties.maxAttempts(), failure);
        }
        if (attempts >= properties.maxAttempts()) {
            return Optional.of(internalError(drop, step, attempts));
        }
        if (drop.takeId() != null) {
            metrics.retried();
            claims.release(drop.takeId(), clock.instant().plus(properties.backoffAfter(attempts)), step, failure);
            claims.forget(drop.takeId());
        }
        return Optional.empty();
    }

    @Override
    public void abandon(Drop drop, Throwable failure) {
        metrics.failed("refuse", failure);
        metrics.abandoned();
        health.failed("refuse", failure, clock.instant());
        finisher.abandon(drop, failure);
        if (drop.takeId() != null) {
            claims.forget(drop.takeId());
        }
    }

    private int attempts(Drop drop) {
        return claims.held(drop.takeId()).map(DropClaims.Claim::attempts).orElse(1);
    }

    private static MessageRefused internalError(Drop drop, String step, int attempts) {
        return new MessageRefused(stage(step), INTERNAL_ERROR, "gave up on " + drop + " after " + attempts
                + " attempts", null);
    }

    /** The stage a step's failure is recorded under. */
    static MessageRefused.Stage stage(String step) {
        return switch (step) {
            case "open" -> MessageRefused.Stage.OPEN;
            case "read" -> MessageRefused.Stage.READ;
            case "authorise" -> MessageRefused.Stage.AUTHORISE;
            case "route" -> MessageRefused.Stage.ROUTE;
            case "redact" -> MessageRefused.Stage.REDACT;
            case "seal" -> MessageRefused.Stage.SEAL;
            case "commit", "refuse" -> MessageRefused.Stage.COMMIT;
            case "finish" -> MessageRefused.Stage.FINISH;
            default -> MessageRefused.Stage.RECEIVE;
        };
    }
}
