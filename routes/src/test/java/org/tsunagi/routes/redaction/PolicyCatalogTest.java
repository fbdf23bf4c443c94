package org.tsunagi.routes.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCatalogTest {

    @TempDir
    Path dir;

    private static final String HEAD = """
            purpose: housing-support
            title: test
            requires:
              legal-basis: [consent]
              consent: true
            messages:
              ReleaseNotice:
                ReleaseNotice/Person/Name: keep
            """;

    @Test
    void theShippedPoliciesLoadAndCoverEveryPurpose() {
        PolicyCatalog catalog = PolicyCatalog.load(TestMessages.POLICIES);
        assertThat(catalog.policies()).extracting(DisclosurePolicy::purpose).containsExactly(Purpose.values());
        DisclosurePolicy ordinance = catalog.policy("ordinance-reintegration").orElseThrow();
        assertThat(ordinance.legalBases()).containsExactlyInAnyOrder(LegalBasis.OSAKA_ORDINANCE,
                LegalBasis.FUKUOKA_ORDINANCE, LegalBasis.NAGOYA_DEMO_ORDINANCE);
        assertThat(ordinance.rule("ReleaseNotice", "ReleaseNotice/Person/DateOfBirth").orElseThrow().transform())
                .isEqualTo(Transform.BIRTH_YEAR);
        assertThat(catalog.policy("no-such-purpose")).isEmpty();
    }

    @Test
    void anUnknownFieldPathStopsTheLoadNamingFileAndLine() throws IOException {
        Path file = write("housing-support.yaml", HEAD + "    ReleaseNotice/Person/ShoeSize: keep\n");
        assertRefused(file, PolicyException.Reason.UNKNOWN_PATH, 9, "ReleaseNotice/Person/ShoeSize");
    }

    @Test
    void anUnknownTransformStopsTheLoad() throws IOException {
        Path file = write("housing-support.yaml", HEAD + "    ReleaseNotice/Person/Sex: blur\n");
        assertRefused(file, PolicyException.Reason.UNKNOWN_TRANSFORM, 9, "'blur'");
    }

    @Test
    void anUnknownKeyIsAnErrorNotIgnored() throws IOException {
        Path file = write("housing-support.yaml", HEAD.replace("title: test\n", "title: test\nretention: 3y\n"));
        assertRefused(file, PolicyException.Reason.UNKNOWN_KEY, 3, "'retention'");
        Path nested = write("housing-support.yaml", HEAD.replace("  consent: true\n", "  consent: true\n  audit: yes\n"));
        assertRefused(nested, PolicyException.Reason.UNKNOWN_KEY, 6, "'audit'");
    }

    @Test
    void disclosingVictimRemarksIsRefusedDirectlyOrThroughAnAncestor() throws IOException {
        Path direct = write("housing-support.yaml", HEAD + "    ReleaseNotice/VictimRelatedRemarks: keep\n");
        assertRefused(direct, PolicyException.Reason.VICTIM_REMARKS, 9, "VictimRelatedRemarks");
        Path root = write("housing-support.yaml", HEAD.replace("    ReleaseNotice/Person/Name: keep\n",
                "    ReleaseNotice/Person/Name: keep\n    ProbationCaseUpdate/VictimRelatedRemarks: pseudonymise\n"));
        // Wrong message type section: refused for the path first, still naming the line.
        assertRefused(root, PolicyException.Reason.UNKNOWN_PATH, 9, "ProbationCaseUpdate/VictimRelatedRemarks");
    }

    @Test
    void anUnknownPurposeLegalBasisOrMessageTypeStopsTheLoad() throws IOException {
        Path purpose = write("parole-board.yaml", HEAD.replace("purpose: housing-support", "purpose: parole-board"));
        assertRefused(purpose, PolicyException.Reason.UNKNOWN_PURPOSE, 1, "'parole-board'");
        Path misnamed = write("welfare-support.yaml", HEAD);
        assertRefused(misnamed, PolicyException.Reason.UNKNOWN_PURPOSE, 1, "housing-support.yaml");
        Path basis = write("housing-support.yaml", HEAD.replace("[consent]", "[consent, public-interest]"));
        assertRefused(basis, PolicyException.Reason.UNKNOWN_TERM, 4, "'public-interest'");
        Path type = write("housing-support.yaml", HEAD + "  ParoleDecision:\n    ParoleDecision/Date: keep\n");
        assertRefused(type, PolicyException.Reason.UNKNOWN_MESSAGE_TYPE, 9, "'ParoleDecision'");
    }

    @Test
    void aTransformThatDoesNotFitItsFieldIsRefused() throws IOException {
        Path file = write("housing-support.yaml", HEAD + "    ReleaseNotice/Person/Sex: age-band\n");
        assertRefused(file, PolicyException.Reason.TRANSFORM_NOT_APPLICABLE, 9, "age-band");
        Path pseudo = write("housing-support.yaml", HEAD + "    ReleaseNotice/ContactOfficer/Name: pseudonymise\n");
        assertRefused(pseudo, PolicyException.Reason.TRANSFORM_NOT_APPLICABLE, 9, "Identifier");
    }

    @Test
    void overlappingOrRepeatedRulesAreRefused() throws IOException {
        Path overlap = write("housing-support.yaml", HEAD + "    ReleaseNotice/Person/Name/Kana: keep\n");
        assertRefused(overlap, PolicyException.Reason.DUPLICATE, 9, "overlaps");
        Path twice = write("housing-support.yaml", HEAD + "    ReleaseNotice/Person/Name: keep\n");
        assertRefused(twice, PolicyException.Reason.DUPLICATE, 9, "appears twice");
    }

    @Test
    void aPolicyThatWouldProduceInvalidCopiesIsRefused() throws IOException {
        Path file = write("planning-statistics.yaml", """
                purpose: planning-statistics
                title: test
                requires:
                  legal-basis: [appi-art69-2-iv]
                messages:
                  StatisticsReport:
                    StatisticsReport/Title: keep
                """);
        assertRefused(file, PolicyException.Reason.REQUIRED_FIELD_WITHHELD, 6, "StatisticsReport/Table");
    }

    @Test
    void headerAndDisclosureAreNotPolicyMatter() throws IOException {
        Path file = write("housing-support.yaml", HEAD + "    ReleaseNotice/Header/From: keep\n");
        assertRefused(file, PolicyException.Reason.UNKNOWN_PATH, 9, "Header always passes");
    }

    @Test
    void yamlTricksAndStrayFilesAreRefused() throws IOException {
        Path alias = write("housing-support.yaml", HEAD + "    ReleaseNotice/Person/Sex: &k keep\n"
                + "    ReleaseNotice/Person/Nationality: *k\n");
        assertRefused(alias, PolicyException.Reason.SYNTAX, 9, "anchors");
        Files.delete(alias);
        Path stray = write("housing-support.yml", HEAD);
        assertRefused(stray, PolicyException.Reason.UNKNOWN_KEY, 0, "not a policy file");
    }

    private Path write(String name, String text) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private void assertRefused(Path file, PolicyException.Reason reason, int line, String detail) {
        assertThatThrownBy(() -> PolicyCatalog.load(dir))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).startsWith(file + (line > 0 ? ":" + line + ": " : ": "))
                            .contains(detail);
                });
    }
}
