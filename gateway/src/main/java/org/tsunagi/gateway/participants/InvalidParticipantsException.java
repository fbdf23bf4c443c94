package org.tsunagi.gateway.participants;

/** The participant registry is wrong; the gateway refuses to start with this message. */
public class InvalidParticipantsException extends RuntimeException {

    public InvalidParticipantsException(String message) {
        super(message);
    }
}
