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

/** Step "read": unmarshal the signed content with schema validation (the hardened {@link MessageCodec}). */
final class Reading {

    private final MessageCodec codec;
    private final Subjects subjects;

    Reading(MessageCodec codec, Subjects subjects) {
        this.codec = codec;
        this.subjects = subjects;
    }

    ReadMessage read(Opened opened) {
        MessageBase message;
        try {
            message = codec.read(opened.xml());
        } catch (MessageRejectedException e) {
            throw new MessageRefused(MessageRefused.Stage.READ, e.reason().name(), e.detail(), null, List.of(),
                    e.location().orElse(null));
        }
        Header header = message.getHeader();
        MessageType type = MessageType.of(message);
        MessageFacts facts = new MessageFacts(header.getMessageId().toLowerCase(Locale.ROOT),
                type.rootElement(), header.getFrom(), header.getCorrelationId(),
                subjects.of(message).map(SubjectReference::hex).orElse(null));
        return new ReadMessage(opened, message, type, facts);
    }
}
