package org.tsunagi.routes.pipeline;

import org.tsunagi.routes.routing.RoutingDecision;

/** A message with its recipients decided; at least one recipient gets a copy. */
public record Routed(ReadMessage read, RoutingDecision decision) {
}
