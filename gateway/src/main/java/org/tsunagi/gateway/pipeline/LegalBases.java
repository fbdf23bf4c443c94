package org.tsunagi.gateway.pipeline;

import java.util.Arrays;
import java.util.Optional;
import org.tsunagi.gateway.participants.LegalBasis;

/**
 * Matches an agreement's legal basis (kind, name, article, as operators write it in participants.yaml) to the
 * legal basis the disclosure policies name ({@code appi-art69-2-iii}, {@code consent}, ...): same kind, the policy's
 * title starts with the agreement's name, and its article with the agreement's article when one is given. An
 * agreement whose basis no policy knows allows nothing.
 */
final class LegalBases {

    private LegalBases() {
    }

    static Optional<String> policyIdOf(LegalBasis basis) {
        if (basis.kind() == LegalBasis.Kind.CONSENT) {
            return Optional.of(org.tsunagi.routes.redaction.LegalBasis.CONSENT.id());
        }
        return Arrays.stream(org.tsunagi.routes.redaction.LegalBasis.values())
                .filter(p -> p.kind().equals(basis.kind().name()))
                .filter(p -> p.title().startsWith(basis.name().strip()))
                .filter(p -> basis.article() == null || basis.article().isBlank()
                        || p.article().startsWith(basis.article().strip()))
                .map(org.tsunagi.routes.redaction.LegalBasis::id)
                .findFirst();
    }
}
