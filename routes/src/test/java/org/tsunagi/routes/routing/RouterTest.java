package org.tsunagi.routes.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tsunagi.routes.redaction.LegalBasis;

class RouterTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    /** A small registry: who is what, and which agreements each recipient holds (all active, any sender). */
    static final class Directory implements RecipientDirectory {
        final Map<String, String> roles = new LinkedHashMap<>();
        final Map<String, List<Map.Entry<Set<String>, AgreementTerms>>> agreements = new LinkedHashMap<>();

        Directory with(String id, String role) {
            roles.put(id, role);
            return this;
        }

        Directory agreement(String id, Set<String> types, String purpose, boolean consent) {
            agreements.computeIfAbsent(id, k -> new ArrayList<>()).add(Map.entry(types,
                    new AgreementTerms(id + "-" + purpose, purpose,
                    consent ? LegalBasis.CONSENT : LegalBasis.APPI_ART69_2_III, 3)));
            return this;
        }

        @Override public boolean isRegistered(String id) { return roles.containsKey(id); }
        @Override public boolean isJusticeBody(String id) {
            return "facility".equals(roles.get(id)) || "probation".equals(roles.get(id));
        }
        @Override public boolean isProbationOffice(String id) { return "probation".equals(roles.get(id)); }
        @Override public List<String> localGovernments() {
            return roles.entrySet().stream().filter(e -> e.getValue().equals("lg")).map(Map.Entry::getKey).toList();
        }
        @Override public List<String> probationOffices() {
            return roles.entrySet().stream().filter(e -> e.getValue().equals("probation")).map(Map.Entry::getKey)
                    .toList();
        }
        @Override public List<AgreementTerms> activeAgreements(String id, String type, String sender, LocalDate d) {
            return agreements.getOrDefault(id, List.of()).stream().filter(e -> e.getKey().contains(type))
                    .map(Map.Entry::getValue).toList();
        }
    }

    static final PurposeRules RULES = new PurposeRules() {
        @Override public boolean discloses(String purpose, String type) { return !purpose.equals("silent"); }
        @Override public boolean accepts(String purpose, LegalBasis basis) { return !purpose.equals("unlawful"); }
        @Override public boolean consentNeeded(String purpose) { return purpose.equals("needs-consent"); }
    };

    final Directory directory = new Directory()
            .with("facility-nagoya", "facility").with("probation-nagoya", "probation")
            .with("230006", "lg").with("231002", "lg").with("252018", "lg").with("250007", "lg")
            .agreement("231002", Set.of("ReleaseNotice", "InformationResponse"), "welfare-support", false)
            .agreement("231002", Set.of("ReleaseNotice"), "ordinance-reintegration", false)
            .agreement("230006", Set.of("ReleaseNotice"), "housing-support", false)
            .agreement("230006", Set.of("StatisticsReport"), "planning-statistics", false)
            .agreement("231002", Set.of("StatisticsReport"), "planning-statistics", false)
            .agreement("252018", Set.of("ReleaseNotice"), "welfare-support", true)
            .agreement("probation-nagoya", Set.of("SupportOutcome"), "model-project-evaluation", false);
    final Map<String, InformationRequests.Request> requests = new LinkedHashMap<>();
    final Router router = new Router(directory, RULES, id -> Optional.ofNullable(requests.get(id)));

    static RoutingFacts facts(String type, String sender, String place, String named, String correlation,
                              boolean consent) {
        return new RoutingFacts("m-1", type, sender, place, named, correlation, consent);
    }

    @Test
    void aReleaseNoticeGoesToTheMunicipalityOfReturnAndItsPrefectureUnderTheFirstListedAgreement() {
        RoutingDecision decision = router.decide(facts("ReleaseNotice", "facility-nagoya", "231002", null, null, false),
                TODAY);

        assertThat(decision.disclosures()).extracting(Disclosure::recipientId).containsExactly("231002", "230006");
        assertThat(decision.disclosures()).extracting(d -> d.terms().purpose())
                .containsExactly("welfare-support", "housing-support");
        assertThat(decision.refusals()).isEmpty();
    }

    @Test
    void aMunicipalityWhoseOnlyAgreementRestsOnConsentGetsNothingWithoutConsentAndThePrefectureWithoutAgreementIsRefused() {
        RoutingDecision noConsent = router.decide(facts("ReleaseNotice", "facility-nagoya", "252018", null, null, false),
                TODAY);

        assertThat(noConsent.deliversNothing()).isTrue();
        assertThat(noConsent.refusals()).containsExactly(new Refusal("252018", RefusalReason.NO_CONSENT),
                new Refusal("250007", RefusalReason.NO_AGREEMENT));
        assertThat(noConsent.refusalReason()).isEqualTo(RefusalReason.NO_CONSENT);

        RoutingDecision withConsent = router.decide(facts("ReleaseNotice", "facility-nagoya", "252018", null, null,
                true), TODAY);
        assertThat(withConsent.disclosures()).extracting(Disclosure::recipientId).containsExactly("252018");
        assertThat(withConsent.refusals()).containsExactly(new Refusal("250007", RefusalReason.NO_AGREEMENT));
    }

    @Test
    void aPlaceOfReturnThatIsNotRegisteredOrMissingIsRefused() {
        RoutingDecision chiyoda = router.decide(facts("ReleaseNotice", "facility-nagoya", "131016", null, null, true),
                TODAY);
        assertThat(chiyoda.deliversNothing()).isTrue();
        assertThat(chiyoda.refusals()).extracting(Refusal::reason)
                .containsOnly(RefusalReason.RECIPIENT_NOT_REGISTERED);

        RoutingDecision none = router.decide(facts("ReleaseNotice", "facility-nagoya", null, null, null, true), TODAY);
        assertThat(none.deliversNothing()).isTrue();
        assertThat(none.refusalReason()).isEqualTo(RefusalReason.NO_ROUTE);
        assertThat(router.decide(facts("ReleaseNotice", "facility-nagoya", "231003", null, null, true), TODAY)
                .refusalReason()).isEqualTo(RefusalReason.NO_ROUTE);
    }

    @Test
    void anInformationRequestGoesOnlyToTheJusticeBodyItNames() {
        directory.agreement("facility-nagoya", Set.of("InformationRequest"), "welfare-support", false);

        RoutingDecision ok = router.decide(facts("InformationRequest", "231002", null, "facility-nagoya", null, false),
                TODAY);
        assertThat(ok.disclosures()).extracting(Disclosure::recipientId).containsExactly("facility-nagoya");

        RoutingDecision toMunicipality = router.decide(facts("InformationRequest", "231002", null, "230006", null,
                false), TODAY);
        assertThat(toMunicipality.deliversNothing()).isTrue();
        assertThat(toMunicipality.refusals()).containsExactly(new Refusal("230006",
                RefusalReason.RECIPIENT_NOT_REGISTERED));

        RoutingDecision noAgreement = router.decide(facts("InformationRequest", "231002", null, "probation-nagoya",
                null, false), TODAY);
        assertThat(noAgreement.refusals()).containsExactly(new Refusal("probation-nagoya",
                RefusalReason.NO_AGREEMENT));
    }

    @Test
    void anInformationResponseGoesOnlyBackToTheRequesterWithOnlyTheItemsAsked() {
        requests.put("req-1", new InformationRequests.Request("req-1", "231002", "facility-nagoya",
                Set.of("InformationResponse/WelfareNeeds")));

        RoutingDecision ok = router.decide(facts("InformationResponse", "facility-nagoya", null, null, "req-1", false),
                TODAY);
        assertThat(ok.disclosures()).singleElement().satisfies(d -> {
            assertThat(d.recipientId()).isEqualTo("231002");
            assertThat(d.onlyItems()).containsExactly("InformationResponse/WelfareNeeds");
        });

        assertThat(router.decide(facts("InformationResponse", "probation-nagoya", null, null, "req-1", false), TODAY)
                .refusalReason()).isEqualTo(RefusalReason.NO_MATCHING_REQUEST);
        assertThat(router.decide(facts("InformationResponse", "facility-nagoya", null, null, "req-2", false), TODAY)
                .refusalReason()).isEqualTo(RefusalReason.NO_MATCHING_REQUEST);
        assertThat(router.decide(facts("InformationResponse", "facility-nagoya", null, null, null, false), TODAY)
                .deliversNothing()).isTrue();
    }

    @Test
    void statisticsGoToEveryLocalGovernmentWithAStatisticsAgreementAndOutcomesToTheProbationOffice() {
        RoutingDecision stats = router.decide(facts("StatisticsReport", "moj-stats", null, null, null, false), TODAY);
        assertThat(stats.disclosures()).extracting(Disclosure::recipientId).containsExactly("230006", "231002");
        assertThat(stats.refusals()).isEmpty();

        RoutingDecision outcome = router.decide(facts("SupportOutcome", "231002", null, null, null, false), TODAY);
        assertThat(outcome.disclosures()).extracting(Disclosure::recipientId).containsExactly("probation-nagoya");
    }

    @Test
    void aPurposeWhosePolicyDisclosesNothingOfTheTypeOrRefusesTheLegalBasisDoesNotCount() {
        directory.agreements.clear();
        directory.agreement("231002", Set.of("ReleaseNotice"), "silent", false)
                .agreement("231002", Set.of("ReleaseNotice"), "unlawful", false)
                .agreement("231002", Set.of("ReleaseNotice"), "needs-consent", false);

        RoutingDecision decision = router.decide(facts("ReleaseNotice", "facility-nagoya", "231002", null, null, false),
                TODAY);
        assertThat(decision.deliversNothing()).isTrue();
        assertThat(decision.refusals()).containsExactly(new Refusal("231002", RefusalReason.NO_CONSENT),
                new Refusal("230006", RefusalReason.NO_AGREEMENT));
        assertThat(router.decide(facts("Receipt", "231002", null, null, null, false), TODAY).refusalReason())
                .isEqualTo(RefusalReason.NO_ROUTE);
    }
}
