package org.tsunagi.gateway.pipeline;

import java.util.Optional;
import org.tsunagi.routes.pipeline.Decision;
import org.tsunagi.routes.pipeline.Drop;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.MessageSteps;
import org.tsunagi.routes.pipeline.Opened;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.pipeline.Redacted;
import org.tsunagi.routes.pipeline.Routed;
import org.tsunagi.routes.pipeline.Sealed;

/** The steps of {@link org.tsunagi.routes.pipeline.MessageRoute}, each timed. */
final class GatewayMessageSteps implements MessageSteps {

    private final Opening opening;
    private final Reading reading;
    private final Authorising authorising;
    private final RoutingStep routing;
    private final Redacting redacting;
    private final Sealing sealing;
    private final Committing committing;
    private final DropFinisher finisher;
    private final PipelineMetrics metrics;

    GatewayMessageSteps(Opening opening, Reading reading, Authorising authorising, RoutingStep routing,
                        Redacting redacting, Sealing sealing, Committing committing, DropFinisher finisher,
                        PipelineMetrics metrics) {
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

    @Override
    public Optional<Decision> recall(Drop drop) {
        return metrics.time("recall", () -> committing.recall(drop));
    }

    @Override
    public Opened open(Drop drop) {
        return metrics.time("open", () -> opening.open(drop));
    }

    @Override
    public ReadMessage read(Opened opened) {
        return metrics.time("read", () -> reading.read(opened));
    }

    @Override
    public ReadMessage authorise(ReadMessage message) {
        return metrics.time("authorise", () -> authorising.authorise(message));
    }

    @Override
    public Routed route(ReadMessage message) {
        return metrics.time("route", () -> routing.route(message));
    }

    @Override
    public Redacted redact(Routed routed) {
        return metrics.time("redact", () -> redacting.redact(routed));
    }

    @Override
    public Sealed seal(Redacted redacted) {
        return metrics.time("seal", () -> sealing.seal(redacted));
    }

    @Override
    public Decision commit(Sealed sealed) {
        Decision decision = metrics.time("commit", () -> committing.commit(sealed));
        metrics.decided(sealed.read().facts().messageType(), decision.verdict() == Decision.Verdict.ACCEPTED,
                decision.reasonCode());
        return decision;
    }

    @Override
    public Decision refuse(Drop drop, MessageRefused refusal) {
        Decision decision = metrics.time("commit", () -> committing.refuse(drop, refusal));
        metrics.decided(refusal.facts().messageType(), false, decision.reasonCode());
        return decision;
    }

    @Override
    public void finish(Decision decision) {
        metrics.time("finish", () -> {
            finisher.finish(decision);
            return null;
        });
    }
}
