package org.tsunagi.gateway.pipeline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.pipeline.Routed;
import org.tsunagi.routes.routing.Router;
import org.tsunagi.routes.routing.RoutingDecision;
import org.tsunagi.routes.routing.RoutingFactsReader;

/**
 * Step "route": who gets a copy, under which agreement. Agreements are dated in Japan's calendar. Nobody at all:
 * the message is refused with the routing reason, and each refused recipient is recorded.
 */
final class Routing {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final Router router;
    private final RoutingFactsReader facts;
    private final Clock clock;

    Routing(Router router, RoutingFactsReader facts, Clock clock) {
        this.router = router;
        this.facts = facts;
        this.clock = clock;
    }

    Routed route(ReadMessage message) {
        RoutingDecision decision = router.decide(facts.read(message.message(), message.sender()),
                LocalDate.ofInstant(clock.instant(), JAPAN));
        if (decision.deliversNothing()) {
            throw new MessageRefused(MessageRefused.Stage.ROUTE, decision.refusalReason().name(),
                    "no recipient may receive this message", message.facts(), decision.refusals(), null);
        }
        return new Routed(message, decision);
    }
}
