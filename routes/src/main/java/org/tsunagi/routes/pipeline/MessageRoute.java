package org.tsunagi.routes.pipeline;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The story of a message: receive, open, read, authorise, route, redact, seal, commit, then finish (receipt, SFTP
 * copies, the input moved away). A refusal at any step ends in quarantine with a rejection receipt. Anything else
 * thrown by a step, {@code Error}s included, ends this drop's attempt only: {@link MessageSteps#failed} leaves it
 * for a later attempt or, past the cap, refuses it; the route never stops for one drop.
 *
 * <p>The inbound endpoint delivers one file per exchange (a body convertible to bytes) with {@link #PARTICIPANT}
 * and {@code CamelFileNameOnly} (or a file name relative to the SFTP root, {@code <participant>/inbox/<file>}),
 * and {@link #TAKE} when the gateway took the file into its work area. It must not move or delete the file:
 * {@link MessageSteps#finish} does, after the decision is committed, so a crash at any point leaves the file where
 * it is to be finished on the next attempt.
 *
 * <p>Every processor has an id {@code <route id>.<step>} (e.g. {@code messages.open}), which is what Camel's
 * tracing and route metrics show.
 */
public final class MessageRoute extends RouteBuilder {

    /** The route's id, as shown in Camel's metrics. */
    public static final String ROUTE_ID = "messages";
    /** Header naming the inbox owner, for endpoints that do not deliver a relative file name. */
    public static final String PARTICIPANT = "TsunagiParticipant";
    /** Header with the gateway's id for this taking of the file (see {@link Drop#takeId()}), if any. */
    public static final String TAKE = "TsunagiTake";
    private static final String DROP = "TsunagiDrop";
    private static final Logger log = LoggerFactory.getLogger(MessageRoute.class);

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
        onException(MessageRefused.class).handled(true).process(this::refused).id(id("refuse"));
        onException(StepFailed.class).handled(true).process(this::stepFailed).id(id("failed"));

        from(inbound).routeId(routeId)
                .process(this::receive).id(id("receive"))
                .choice().id(id("decided-before"))
                    .when(body().isInstanceOf(Decision.class))
                        .log("${exchangeProperty." + DROP + "} was decided before: finishing it").id(id("recalled"))
                    .otherwise()
                        .process(step("open", Drop.class, steps::open)).id(id("open"))
                        .process(step("read", Opened.class, steps::read)).id(id("read"))
                        .process(step("authorise", ReadMessage.class, steps::authorise)).id(id("authorise"))
                        .process(step("route", ReadMessage.class, steps::route)).id(id("route"))
                        .process(step("redact", Routed.class, steps::redact)).id(id("redact"))
                        .process(step("seal", Redacted.class, steps::seal)).id(id("seal"))
                        .process(step("commit", Sealed.class, steps::commit)).id(id("commit"))
                .end()
                .process(step("finish", Decision.class, decision -> {
                    steps.finish(decision);
                    return decision;
                })).id(id("finish"));
    }

    private String id(String step) {
        return routeId + "." + step;
    }

    /** The drop from the file, or the decision already taken on it. */
    private void receive(Exchange exchange) {
        try {
            String participant = exchange.getIn().getHeader(PARTICIPANT, String.class);
            String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
            if (participant == null) {
                String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
                participant = relative.substring(0, relative.indexOf('/'));
            }
            String take = exchange.getIn().getHeader(TAKE, String.class);
            // What is known before reading, so that a file that cannot be read still ends in a decision.
            exchange.setProperty(DROP, Drop.of(participant, fileName, new byte[0], clock.instant()).taken(take));
            Drop drop = Drop.of(participant, fileName, content(exchange), clock.instant()).taken(take);
            exchange.setProperty(DROP, drop);
            exchange.getIn().setBody(steps.recall(drop).map(Object.class::cast).orElse(drop));
        } catch (Throwable t) { // NOPMD: one drop's failure, even an Error, must not end the consumer
            throw new StepFailed("receive", t);
        }
    }

    /** The file's bytes: read here for a file (Camel's converter fails on empty files), else converted. */
    private static byte[] content(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        if (body instanceof File file) {
            return Files.readAllBytes(file.toPath());
        }
        if (body instanceof Path path) {
            return Files.readAllBytes(path);
        }
        return exchange.getIn().getMandatoryBody(byte[].class);
    }

    private void refused(Exchange exchange) {
        Drop drop = exchange.getProperty(DROP, Drop.class);
        MessageRefused refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, MessageRefused.class);
        try {
            steps.finish(steps.refuse(drop, refusal));
        } catch (Throwable t) { // NOPMD: e.g. the rejection receipt cannot be made: tried again, capped
            failed(drop, "refuse", t);
        }
    }

    private void stepFailed(Exchange exchange) {
        StepFailed failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, StepFailed.class);
        failed(exchange.getProperty(DROP, Drop.class), failure.step(), failure.getCause());
    }

    private void failed(Drop drop, String step, Throwable failure) {
        if (drop == null) {
            log.error("{} failed before the drop was known", step, failure);
            return;
        }
        Optional<MessageRefused> giveUp = steps.failed(drop, step, failure);
        if (giveUp.isPresent()) {
            try {
                steps.finish(steps.refuse(drop, giveUp.get()));
            } catch (Throwable t) { // NOPMD: the refusal itself failed: quarantined without a receipt, never looped
                steps.abandon(drop, t);
            }
        }
    }

    private static <I> Processor step(String name, Class<I> input, Function<I, ?> step) {
        return exchange -> {
            I body = exchange.getIn().getMandatoryBody(input);
            Object result;
            try {
                result = step.apply(body);
            } catch (MessageRefused refusal) {
                throw refusal;
            } catch (Throwable t) { // NOPMD: StackOverflowError, OutOfMemoryError: this drop's, not the gateway's
                throw new StepFailed(name, t);
            }
            exchange.getIn().setBody(result);
        };
    }
}
