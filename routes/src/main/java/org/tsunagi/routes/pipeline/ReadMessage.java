package org.tsunagi.routes.pipeline;

import java.util.Objects;
import org.w3c.dom.Document;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.model.MessageBase;

/**
 * A message read and validated against the schema.
 *
 * @param opened  what it was read from
 * @param message the validated model
 * @param type    its type
 * @param facts    its header fields
 * @param document the validated DOM the model was bound from, or {@code null} when the model alone was read; never
 *                 changed: the redaction step deep-copies it per recipient, so the XML is parsed once per message
 */
public record ReadMessage(Opened opened, MessageBase message, MessageType type, MessageFacts facts,
                          Document document) {

    public ReadMessage(Opened opened, MessageBase message, MessageType type, MessageFacts facts) {
        this(opened, message, type, facts, null);
    }

    public ReadMessage {
        Objects.requireNonNull(opened, "opened");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(facts, "facts");
    }

    public Drop drop() {
        return opened.drop();
    }

    public String sender() {
        return opened.signerId();
    }
}
