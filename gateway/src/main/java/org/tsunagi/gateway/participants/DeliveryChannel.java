package org.tsunagi.gateway.participants;

/** How a recipient takes delivery of its copies. */
public enum DeliveryChannel {
    /** Held in the outbox for the recipient to poll over the HTTPS API. */
    HTTPS,
    /** Written to the recipient's SFTP {@code outbox/}. */
    SFTP
}
