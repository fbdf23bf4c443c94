package org.tsunagi.routes.routing;

import java.util.Objects;
import org.tsunagi.routes.redaction.LegalBasis;

/**
 * The terms of one active agreement under which a recipient may receive a message.
 *
 * @param agreementId      the agreement's reference
 * @param purpose          the purpose id (selects the disclosure policy)
 * @param legalBasis       the legal basis, named by the same id as in the disclosure policies and the ledger
 * @param minimumCellCount statistics: counts below this are suppressed
 */
public record AgreementTerms(String agreementId, String purpose, LegalBasis legalBasis, int minimumCellCount) {

    public AgreementTerms {
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(legalBasis, "legalBasis");
    }

    /** Whether the legal basis is the person's consent. */
    public boolean consentBased() {
        return legalBasis == LegalBasis.CONSENT;
    }
}
