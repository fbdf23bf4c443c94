package org.tsunagi.routes.routing;

import java.util.Objects;

/**
 * The terms of one active agreement under which a recipient may receive a message.
 *
 * @param agreementId      the agreement's reference
 * @param purpose          the purpose id (selects the disclosure policy)
 * @param legalBasis       the legal basis, in the form recorded in the ledger
 * @param consentBased     whether the legal basis is the person's consent
 * @param minimumCellCount statistics: counts below this are suppressed
 */
public record AgreementTerms(String agreementId, String purpose, String legalBasis, boolean consentBased,
                             int minimumCellCount) {

    public AgreementTerms {
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(legalBasis, "legalBasis");
    }
}
