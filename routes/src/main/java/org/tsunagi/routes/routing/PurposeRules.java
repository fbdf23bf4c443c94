package org.tsunagi.routes.routing;

import org.tsunagi.routes.redaction.LegalBasis;

/** What the disclosure policies say about a purpose, as far as routing needs it. */
public interface PurposeRules {

    /** Whether the purpose's policy discloses anything of this message type. */
    boolean discloses(String purpose, String messageType);

    /** Whether the purpose's policy accepts this legal basis. */
    boolean accepts(String purpose, LegalBasis legalBasis);

    /** Whether the purpose requires the person's consent to be recorded in the message. */
    boolean consentNeeded(String purpose);
}
