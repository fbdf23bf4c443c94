package org.tsunagi.routes.routing;

import java.util.function.Predicate;
import org.tsunagi.schemas.model.Consent;
import org.tsunagi.schemas.model.Identifier;
import org.tsunagi.schemas.model.InformationRequest;
import org.tsunagi.schemas.model.MessageBase;
import org.tsunagi.schemas.model.Person;
import org.tsunagi.schemas.model.Place;
import org.tsunagi.schemas.model.ProbationCaseUpdate;
import org.tsunagi.schemas.model.ReleaseNotice;

/**
 * Reads the {@link RoutingFacts} of a validated message:
 * <ul>
 *   <li>place: {@code ReleaseNotice/PlannedPlaceOfReturn/MunicipalityCode}, {@code ProbationCaseUpdate/Residence/
 *       MunicipalityCode};</li>
 *   <li>consent: {@code Consent/Given} true;</li>
 *   <li>the body an {@code InformationRequest} names: the issuer of the first {@code Subject/Identifiers/Identifier}
 *       that is a justice body (the schema has no addressee element; the identifier the requester quotes, e.g. an
 *       inmate number, is the facility's own);</li>
 *   <li>{@code Header/CorrelationId}.</li>
 * </ul>
 */
public final class RoutingFactsReader {

    private final Predicate<String> isJusticeBody;

    /** @param isJusticeBody whether a participant id is a registered facility or probation office */
    public RoutingFactsReader(Predicate<String> isJusticeBody) {
        this.isJusticeBody = isJusticeBody;
    }

    public RoutingFacts read(MessageBase message, String sender) {
        String place = null;
        Consent consent = null;
        String named = null;
        if (message instanceof ReleaseNotice notice) {
            place = code(notice.getPlannedPlaceOfReturn());
            consent = notice.getConsent();
        } else if (message instanceof ProbationCaseUpdate update) {
            place = code(update.getResidence());
            consent = update.getConsent();
        } else if (message instanceof InformationRequest request) {
            named = namedJusticeBody(request.getSubject());
        }
        return new RoutingFacts(message.getHeader().getMessageId(), message.getHeader().getMessageType().value(),
                sender, place, named, message.getHeader().getCorrelationId(),
                consent != null && Boolean.TRUE.equals(consent.isGiven()));
    }

    private String namedJusticeBody(Person subject) {
        if (subject == null || subject.getIdentifiers() == null) {
            return null;
        }
        return subject.getIdentifiers().getIdentifier().stream().map(Identifier::getIssuedBy)
                .filter(id -> id != null && isJusticeBody.test(id)).findFirst().orElse(null);
    }

    private static String code(Place place) {
        return place == null ? null : place.getMunicipalityCode();
    }
}
