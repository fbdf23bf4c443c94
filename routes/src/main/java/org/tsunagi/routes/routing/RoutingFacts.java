package org.tsunagi.routes.routing;

import java.util.Objects;

/**
 * What the router needs to know about one accepted message, read from its header and body. Never logged: it may
 * point at a person's place of return.
 *
 * @param messageId       the message's id
 * @param messageType     the header's message type (root element name, e.g. {@code ReleaseNotice})
 * @param sender          the authenticated sender (the signer)
 * @param placeOfReturn   ReleaseNotice: the local government code of the planned place of return, else null
 * @param namedRecipient  InformationRequest: the participant id of the facility or probation office asked, else null
 * @param correlationId   InformationResponse: the MessageId of the request it answers, else null
 * @param consentGiven    whether the message records the person's consent ({@code Consent/Given} true)
 */
public record RoutingFacts(String messageId, String messageType, String sender, String placeOfReturn,
                           String namedRecipient, String correlationId, boolean consentGiven) {

    public RoutingFacts {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(sender, "sender");
    }
}
