package org.tsunagi.gateway.pipeline;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tsunagi.routes.ledger.SubjectKey;
import org.tsunagi.routes.ledger.SubjectReference;
import org.tsunagi.schemas.model.Identifier;
import org.tsunagi.schemas.model.InformationRequest;
import org.tsunagi.schemas.model.InformationResponse;
import org.tsunagi.schemas.model.MessageBase;
import org.tsunagi.schemas.model.Person;
import org.tsunagi.schemas.model.ProbationCaseUpdate;
import org.tsunagi.schemas.model.ReleaseNotice;
import org.tsunagi.schemas.model.SupportOutcome;

/**
 * The subject reference of a message: the keyed hash of the person's identifier, so that the ledger can answer
 * "who received what about this person" without holding the person's name. The identifier chosen is the most
 * stable one the justice side issues (inmate number, then probation case number, then the first one given), so
 * the same person maps to the same reference across messages.
 */
final class Subjects {

    private static final List<String> PREFERENCE = List.of("inmate-number", "probation-case-number");

    private final SubjectKey key;

    Subjects(SubjectKey key) {
        this.key = key;
    }

    Optional<SubjectReference> of(MessageBase message) {
        Person person = personOf(message);
        if (person == null || person.getIdentifiers() == null) {
            return Optional.empty();
        }
        return person.getIdentifiers().getIdentifier().stream()
                .filter(i -> i.getScheme() != null && i.getValue() != null && !i.getValue().isBlank()
                        && !"pseudonym".equals(i.getScheme()))
                .min(Comparator.comparingInt(Subjects::rank))
                .map(i -> key.reference(i.getScheme(), i.getValue()));
    }

    private static int rank(Identifier identifier) {
        int at = PREFERENCE.indexOf(identifier.getScheme());
        return at < 0 ? PREFERENCE.size() : at;
    }

    private static Person personOf(MessageBase message) {
        if (message instanceof ReleaseNotice m) {
            return m.getPerson();
        } else if (message instanceof ProbationCaseUpdate m) {
            return m.getPerson();
        } else if (message instanceof InformationRequest m) {
            return m.getSubject();
        } else if (message instanceof InformationResponse m) {
            return m.getPerson();
        } else if (message instanceof SupportOutcome m) {
            return m.getPerson();
        }
        return null;
    }
}
