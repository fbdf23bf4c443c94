package org.tsunagi.routes.pipeline;

/**
 * What is known of a message once read far enough: its header fields, never its body.
 *
 * @param messageId     Header/MessageId, or null when the message could not be read
 * @param messageType   Header/MessageType (root element), or null
 * @param from          Header/From, or null
 * @param correlationId Header/CorrelationId, or null
 * @param subjectRef    the keyed hash of the person the message is about (hex), or null
 */
public record MessageFacts(String messageId, String messageType, String from, String correlationId,
                           String subjectRef) {

    public static final MessageFacts UNKNOWN = new MessageFacts(null, null, null, null, null);
}
