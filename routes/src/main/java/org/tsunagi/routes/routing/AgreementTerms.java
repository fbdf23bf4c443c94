package org.tsunagi.routes.routing;

import java.util.Objects;

/**
 * The terms of one active agreement under which a recipient may receive a message.
 *
 * @param agreementId      the agreement's reference
 * @param purpose          the purpose id (selects the disclosure policy)
 * @param legalBasis       the legal basis, in the form recorded in the ledger
 * @param legalBasisId     the legal basis as the disclosure policies name it (e.g. {@code appi-art69-2-iii}), or
 *                         null when no policy knows it (then the agreement allows nothing)
 * @param consentBased     whether the legal basis is the person's consent
 * @param minimumCellCount statistics: counts below this are suppressed
 */
public record AgreementTerms(String agreementId, String purpose, String legalBasis, String legalBasisId,
                             boolean consentBased, int minimumCellCount) {

    public AgreementTerms {
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(legalBasis, "legalBasis");
    }
}
