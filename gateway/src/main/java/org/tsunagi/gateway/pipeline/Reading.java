package org.tsunagi.gateway.pipeline;

import java.util.List;
import java.util.Locale;
import org.tsunagi.routes.pipeline.MessageFacts;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.Opened;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.ledger.SubjectReference;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.codec.MessageCodec;
import org.tsunagi.schemas.codec.MessageRejectedException;
import org.tsunagi.schemas.model.Header;
import org.tsunagi.schemas.model.MessageBase;

/**
 * Step "read": the signed content parsed once with schema validation (the hardened {@link MessageCodec}) into a DOM,
 * and the model bound from that DOM.
 */
final class Reading {

    private final MessageCodec codec;
    private final Subjects subjects;

    Reading(MessageCodec codec, Subjects subjects) {
        this.codec = codec;
        this.subjects = subjects;
    }

    ReadMessage read(Opened opened) {
        MessageCodec.Parsed parsed;
        try {
            // One parse for the model and the redaction step's DOM (bound from it), not one each.
            parsed = codec.readParsed(opened.xml());
        } catch (MessageRejectedException e) {
            throw new MessageRefused(MessageRefused.Stage.READ, e.reason().name(), e.detail(), null, List.of(),
                    e.location().orElse(null));
        }
        MessageBase message = parsed.message();
        Header header = message.getHeader();
        MessageType type = MessageType.of(message);
        MessageFacts facts = new MessageFacts(header.getMessageId().toLowerCase(Locale.ROOT),
                type.rootElement(), header.getFrom(), header.getCorrelationId(),
                subjects.of(message).map(SubjectReference::hex).orElse(null));
        return new ReadMessage(opened, message, type, facts, parsed.document());
    }
}
