package org.tsunagi.routes.pipeline;

import java.util.Objects;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.model.MessageBase;

/**
 * A message read and validated against the schema.
 *
 * @param opened  what it was read from
 * @param message the validated model
 * @param type    its type
 * @param facts   its header fields
 */
public record ReadMessage(Opened opened, MessageBase message, MessageType type, MessageFacts facts) {

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
