package org.tsunagi.routes.pipeline;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/**
 * The story of a message: open, read, authorise, route, redact, seal, commit, then finish (receipt, SFTP copies,
 * the input moved away). A refusal at any step ends in quarantine with a rejection receipt. The route does not care
 * where a drop came from: every source writes into a participant's inbox.
 *
 * <p>The inbound endpoint delivers files whose name relative to the SFTP root is {@code <participant>/inbox/<file>}
 * (or sets {@link #PARTICIPANT} and {@code CamelFileNameOnly}). It must not move or delete them: {@link
 * MessageSteps#finish} does, after the decision is committed, so a crash at any point leaves the file where it is
 * to be finished on the next attempt.
 */
public final class MessageRoute extends RouteBuilder {

    /** The route's id, as shown in Camel's metrics. */
    public static final String ROUTE_ID = "messages";
    /** Header naming the inbox owner, for endpoints that do not deliver a relative file name. */
    public static final String PARTICIPANT = "TsunagiParticipant";
    private static final String DROP = "TsunagiDrop";

    private final String inbound;
    private final MessageSteps steps;
    private final Clock clock;

    private final String routeId;

    public MessageRoute(String inbound, MessageSteps steps, Clock clock) {
        this(ROUTE_ID, inbound, steps, clock);
    }

    public MessageRoute(String routeId, String inbound, MessageSteps steps, Clock clock) {
        this.routeId = Objects.requireNonNull(routeId, "routeId");
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.steps = Objects.requireNonNull(steps, "steps");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void configure() {
        onException(MessageRefused.class).handled(true)
                .process(e -> e.getIn().setBody(steps.refuse(e.getProperty(DROP, Drop.class),
                        e.getProperty(Exchange.EXCEPTION_CAUGHT, MessageRefused.class))))
                .process(step(Decision.class, decision -> {
                    steps.finish(decision);
                    return decision;
                }));

        from(inbound).routeId(routeId)
                .process(this::receive)
                .choice()
                    .when(body().isInstanceOf(Decision.class))
                        .log("${exchangeProperty." + DROP + "} was decided before: finishing it")
                    .otherwise()
                        .process(step(Drop.class, steps::open))
                        .process(step(Opened.class, steps::read))
                        .process(step(ReadMessage.class, steps::authorise))
                        .process(step(ReadMessage.class, steps::route))
                        .process(step(Routed.class, steps::redact))
                        .process(step(Redacted.class, steps::seal))
                        .process(step(Sealed.class, steps::commit))
                .end()
                .process(step(Decision.class, decision -> {
                    steps.finish(decision);
                    return decision;
                }));
    }

    /** The drop from the file, or the decision already taken on it. */
    private void receive(Exchange exchange) {
        String participant = exchange.getIn().getHeader(PARTICIPANT, String.class);
        String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (participant == null) {
            String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
            participant = relative.substring(0, relative.indexOf('/'));
        }
        Drop drop = Drop.of(participant, fileName, exchange.getIn().getBody(byte[].class), clock.instant());
        exchange.setProperty(DROP, drop);
        exchange.getIn().setBody(steps.recall(drop).map(Object.class::cast).orElse(drop));
    }

    private static <I> Processor step(Class<I> input, Function<I, ?> step) {
        return exchange -> exchange.getIn().setBody(step.apply(exchange.getIn().getMandatoryBody(input)));
    }
}
