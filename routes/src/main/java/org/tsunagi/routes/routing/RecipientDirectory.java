package org.tsunagi.routes.routing;

import java.time.LocalDate;
import java.util.List;

/** The registered participants as the router sees them; the gateway adapts its participant registry to this. */
public interface RecipientDirectory {

    /** Whether {@code participantId} is registered. */
    boolean isRegistered(String participantId);

    /** Whether the participant is a correctional facility or a probation office (may be asked for information). */
    boolean isJusticeBody(String participantId);

    /** Whether the participant is a probation office. */
    boolean isProbationOffice(String participantId);

    /** Every registered local government (prefecture or municipality), in registry order. */
    List<String> localGovernments();

    /** Every registered probation office, in registry order. */
    List<String> probationOffices();

    /**
     * The recipient's agreements active on {@code day} that cover {@code messageType} from {@code sender}, in the
     * order the registry lists them (the operator's order of preference).
     */
    List<AgreementTerms> activeAgreements(String recipientId, String messageType, String sender, LocalDate day);
}
