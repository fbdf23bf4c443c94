package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tsunagi.gateway.participants.Agreement;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.redaction.LegalBasis;
import org.tsunagi.routes.redaction.PolicyCatalog;
import org.tsunagi.schemas.MessageType;

class DemoAgreementsTest {

    final PolicyCatalog policies = PolicyCatalog.load(Path.of("config/policies"));
    final ParticipantRegistry registry = ParticipantRegistry.load(Path.of("config/participants.yaml"),
            Arrays.stream(MessageType.values()).map(MessageType::rootElement).collect(Collectors.toSet()),
            id -> policies.policy(id).isPresent());
    final PolicyPurposeRules rules = new PolicyPurposeRules(policies);

    @Test
    void everyDemoAgreementNamesALegalBasisItsPolicyAccepts() {
        assertThat(registry.all()).flatExtracting(p -> p.agreements()).isNotEmpty()
                .allSatisfy(a -> assertThat(rules.accepts(a.purpose(), a.legalBasis()))
                        .as("agreement %s under %s", a.id(), a.legalBasis().id()).isTrue());
    }

    @Test
    void nagoyasOrdinanceAgreementIsAcceptedByTheOrdinancePolicyOnly() {
        Agreement ordinance = registry.find("231002").orElseThrow().agreement("nagoya-ordinance-2025").orElseThrow();

        assertThat(ordinance.legalBasis()).isEqualTo(LegalBasis.NAGOYA_DEMO_ORDINANCE);
        assertThat(rules.accepts("ordinance-reintegration", ordinance.legalBasis())).isTrue();
        assertThat(rules.accepts("welfare-support", ordinance.legalBasis())).isFalse();
    }
}
