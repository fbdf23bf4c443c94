package org.tsunagi.routes.routing;

/** What the disclosure policies say about a purpose, as far as routing needs it. */
public interface PurposeRules {

    /** Whether the purpose's policy discloses anything of this message type. */
    boolean discloses(String purpose, String messageType);

    /** Whether the purpose's policy accepts this legal basis (a policy id, possibly null: never accepted). */
    boolean accepts(String purpose, String legalBasisId);

    /** Whether the purpose requires the person's consent to be recorded in the message. */
    boolean consentNeeded(String purpose);
}
