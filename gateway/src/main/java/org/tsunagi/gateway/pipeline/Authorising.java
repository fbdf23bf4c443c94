package org.tsunagi.gateway.pipeline;

import java.util.UUID;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.pipeline.MessageFacts;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.ReadMessage;

/**
 * Step "authorise": the header's {@code From} is the signer and {@code To} the gateway, the sender's role may send
 * this message type, and the {@code MessageId} was never accepted before (a replay is refused; the database's
 * primary key settles races between instances at commit).
 */
final class Authorising {

    private final String gatewayId;
    private final ParticipantRegistry registry;
    private final Decisions decisions;
    private final Freshness freshness;

    Authorising(String gatewayId, ParticipantRegistry registry, Decisions decisions, Freshness freshness) {
        this.gatewayId = gatewayId;
        this.registry = registry;
        this.decisions = decisions;
        this.freshness = freshness;
    }

    ReadMessage authorise(ReadMessage message) {
        MessageFacts facts = message.facts();
        String signer = message.sender();
        if (!signer.equals(facts.from())) {
            throw refuse("FROM_NOT_SIGNER", "From is not the signer " + signer, facts);
        }
        String to = message.message().getHeader().getTo();
        if (!gatewayId.equals(to)) {
            throw refuse("TO_NOT_GATEWAY", "To is not " + gatewayId, facts);
        }
        String type = message.type().rootElement();
        if (!registry.find(signer).map(p -> p.maySend(type)).orElse(false)) {
            throw refuse("TYPE_NOT_ALLOWED", signer + " may not send " + type, facts);
        }
        java.time.Instant createdAt = message.message().getHeader().getCreatedAt().toGregorianCalendar().toInstant();
        freshness.check(createdAt).ifPresent(code -> {
            throw refuse(code, "CreatedAt " + createdAt + " is outside the accepted window", facts);
        });
        if (decisions.isAccepted(UUID.fromString(facts.messageId()))) {
            throw refuse(DUPLICATE, "MessageId " + facts.messageId() + " was accepted before", facts);
        }
        return message;
    }

    static final String DUPLICATE = "DUPLICATE_MESSAGE_ID";

    private static MessageRefused refuse(String code, String detail, MessageFacts facts) {
        return new MessageRefused(MessageRefused.Stage.AUTHORISE, code, detail, facts);
    }
}
