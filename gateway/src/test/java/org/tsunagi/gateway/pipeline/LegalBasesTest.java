package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tsunagi.gateway.participants.LegalBasis;

class LegalBasesTest {

    @Test
    void matchesTheRegistrysWordingToThePoliciesLegalBases() {
        assertThat(LegalBases.policyIdOf(new LegalBasis(LegalBasis.Kind.LAW, "個人情報の保護に関する法律",
                "第69条第2項第3号"))).contains("appi-art69-2-iii");
        assertThat(LegalBases.policyIdOf(new LegalBasis(LegalBasis.Kind.LAW, "個人情報の保護に関する法律",
                "第69条第2項第4号"))).contains("appi-art69-2-iv");
        assertThat(LegalBases.policyIdOf(new LegalBasis(LegalBasis.Kind.LAW, "再犯の防止等の推進に関する法律", null)))
                .contains("recidivism-prevention-act");
        assertThat(LegalBases.policyIdOf(new LegalBasis(LegalBasis.Kind.CONSENT, "本人の同意（支援の申出書）", null)))
                .contains("consent");
    }

    @Test
    void aBasisNoPolicyKnowsMatchesNothingSoItsAgreementAllowsNothing() {
        assertThat(LegalBases.policyIdOf(new LegalBasis(LegalBasis.Kind.ORDINANCE,
                "名古屋市性犯罪をした者の社会復帰支援条例（デモ用の架空条例）", "第5条"))).isEmpty();
        assertThat(LegalBases.policyIdOf(new LegalBasis(LegalBasis.Kind.ORDINANCE, "個人情報の保護に関する法律",
                "第69条第2項第3号"))).as("kind must match").isEmpty();
        assertThat(LegalBases.policyIdOf(new LegalBasis(LegalBasis.Kind.LAW, "個人情報の保護に関する法律",
                "第99条"))).as("article must match").isEmpty();
    }
}
