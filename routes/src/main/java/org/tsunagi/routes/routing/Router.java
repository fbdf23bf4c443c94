package org.tsunagi.routes.routing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tsunagi.schemas.LocalGovernmentCode;

/**
 * Decides who receives a message, and under which agreement. Rules (issue 6):
 * <ul>
 *   <li>{@code ReleaseNotice}, {@code ProbationCaseUpdate}: the municipality of the person's place (planned place of
 *       return, or residence) and its prefecture;</li>
 *   <li>{@code InformationRequest}: the facility or probation office it names;</li>
 *   <li>{@code InformationResponse}: only the body that asked (by CorrelationId), only with the items asked for;</li>
 *   <li>{@code SupportOutcome}: the probation offices;</li>
 *   <li>{@code StatisticsReport}: every local government with a statistics agreement.</li>
 * </ul>
 * Each recipient needs an agreement active today that covers the type from this sender, whose purpose's policy
 * discloses something of the type and accepts the agreement's legal basis, and (where the purpose or the legal basis needs it) the person's consent. Several
 * such agreements: the first the registry lists wins, so each recipient gets exactly one copy. Stateless and
 * thread-safe.
 */
public final class Router {

    private final RecipientDirectory directory;
    private final PurposeRules purposes;
    private final InformationRequests requests;

    public Router(RecipientDirectory directory, PurposeRules purposes, InformationRequests requests) {
        this.directory = directory;
        this.purposes = purposes;
        this.requests = requests;
    }

    public RoutingDecision decide(RoutingFacts facts, LocalDate day) {
        return switch (facts.messageType()) {
            case "ReleaseNotice", "ProbationCaseUpdate" -> toPlace(facts, day);
            case "InformationRequest" -> toNamedJusticeBody(facts, day);
            case "InformationResponse" -> toRequester(facts, day);
            case "SupportOutcome" -> toEach(directory.probationOffices(), facts, day, true);
            case "StatisticsReport" -> toEach(directory.localGovernments(), facts, day, true);
            default -> RoutingDecision.unroutable(RefusalReason.NO_ROUTE);
        };
    }

    private RoutingDecision toPlace(RoutingFacts facts, LocalDate day) {
        String place = facts.placeOfReturn();
        if (place == null || !LocalGovernmentCode.isValid(place)) {
            return RoutingDecision.unroutable(RefusalReason.NO_ROUTE);
        }
        Set<String> recipients = new LinkedHashSet<>();
        recipients.add(place);
        recipients.add(LocalGovernmentCode.prefectureOf(place));
        return toEach(List.copyOf(recipients), facts, day, false);
    }

    private RoutingDecision toNamedJusticeBody(RoutingFacts facts, LocalDate day) {
        String named = facts.namedRecipient();
        if (named == null) {
            return RoutingDecision.unroutable(RefusalReason.NO_ROUTE);
        }
        if (!directory.isJusticeBody(named)) {
            return new RoutingDecision(List.of(), List.of(new Refusal(named, RefusalReason.RECIPIENT_NOT_REGISTERED)),
                    null);
        }
        return toEach(List.of(named), facts, day, false);
    }

    private RoutingDecision toRequester(RoutingFacts facts, LocalDate day) {
        Optional<InformationRequests.Request> request = Optional.ofNullable(facts.correlationId())
                .flatMap(requests::find)
                .filter(r -> r.addressee().equals(facts.sender()));
        if (request.isEmpty()) {
            return RoutingDecision.unroutable(RefusalReason.NO_MATCHING_REQUEST);
        }
        InformationRequests.Request asked = request.get();
        List<Disclosure> disclosures = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        consider(asked.requester(), facts, day, asked.requestedItems(), disclosures, refusals);
        return new RoutingDecision(disclosures, refusals, null);
    }

    /**
     * @param onlyThoseWithAgreements broadcast types (statistics, outcomes) go to every body that has an agreement;
     *                                the others are refused silently rather than recorded as refusals
     */
    private RoutingDecision toEach(List<String> recipients, RoutingFacts facts, LocalDate day,
                                   boolean onlyThoseWithAgreements) {
        List<Disclosure> disclosures = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (String recipient : recipients) {
            if (recipient.equals(facts.sender())) {
                continue;
            }
            if (onlyThoseWithAgreements
                    && directory.activeAgreements(recipient, facts.messageType(), facts.sender(), day).isEmpty()) {
                continue;
            }
            consider(recipient, facts, day, Set.of(), disclosures, refusals);
        }
        if (disclosures.isEmpty() && refusals.isEmpty()) {
            return RoutingDecision.unroutable(RefusalReason.NO_ROUTE);
        }
        return new RoutingDecision(disclosures, refusals, null);
    }

    private void consider(String recipient, RoutingFacts facts, LocalDate day, Set<String> onlyItems,
                          List<Disclosure> disclosures, List<Refusal> refusals) {
        if (!directory.isRegistered(recipient)) {
            refusals.add(new Refusal(recipient, RefusalReason.RECIPIENT_NOT_REGISTERED));
            return;
        }
        boolean consentMissing = false;
        for (AgreementTerms terms : directory.activeAgreements(recipient, facts.messageType(), facts.sender(), day)) {
            if (!purposes.discloses(terms.purpose(), facts.messageType())
                    || !purposes.accepts(terms.purpose(), terms.legalBasis())) {
                continue;
            }
            if ((terms.consentBased() || purposes.consentNeeded(terms.purpose())) && !facts.consentGiven()) {
                consentMissing = true;
                continue;
            }
            disclosures.add(new Disclosure(recipient, terms, onlyItems));
            return;
        }
        refusals.add(new Refusal(recipient, consentMissing ? RefusalReason.NO_CONSENT : RefusalReason.NO_AGREEMENT));
    }

}
