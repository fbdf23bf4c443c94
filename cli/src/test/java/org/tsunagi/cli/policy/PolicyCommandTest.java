package org.tsunagi.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagi.cli.CliRun;

class PolicyCommandTest {

    private static final Path POLICIES = Path.of("../gateway/config/policies");

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        CliRun run = CliRun.of(System.getenv(), args);
        return new Run(run.exitCode(), run.out(), run.err());
    }

    @Test
    void explainsWhatAPurposeReceivesInPlainWords() {
        Run r = run("policy", "explain", "--policies", POLICIES.toString(), "--purpose", "ordinance-reintegration",
                "--type", "ReleaseNotice");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("== Purpose ordinance-reintegration")
                .contains("osaka-sex-offence-ordinance")
                .contains("Passes as sent:")
                .containsPattern("Person/DateOfBirth +year of birth instead of the date of birth")
                .containsPattern("VictimRelatedRemarks +never disclosed under any purpose")
                .containsPattern("PlannedPlaceOfReturn +municipality code only");
        assertThat(r.out()).doesNotContain("-- ProbationCaseUpdate");
    }

    @Test
    void coversEveryPurposeByDefault() {
        Run r = run("policy", "explain", "--policies", POLICIES.toString());
        assertThat(r.status()).isZero();
        for (String purpose : new String[] {"welfare-support", "housing-support", "employment-support",
                "entrance-support", "ordinance-reintegration", "planning-statistics", "model-project-evaluation"}) {
            assertThat(r.out()).contains("== Purpose " + purpose + ":");
        }
    }

    @Test
    void aBrokenPolicyFailsWithOneLineNamingFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("housing-support.yaml"), """
                purpose: housing-support
                title: t
                requires:
                  legal-basis: [consent]
                messages:
                  ReleaseNotice:
                    ReleaseNotice/Person/Nmae: keep
                """);
        Run r = run("policy", "explain", "--policies", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("tsunagi policy explain: " + dir.resolve("housing-support.yaml") + ":7:")
                .contains("ReleaseNotice/Person/Nmae").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownPurposeIsAnError() {
        Run r = run("policy", "explain", "--policies", POLICIES.toString(), "--purpose", "marketing");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("no policy for purpose 'marketing'");
    }
}
