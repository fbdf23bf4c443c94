package org.tsunagi.gateway.participants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagi.routes.redaction.LegalBasis;

class ParticipantRegistryTest {

    static final Path DEMO = Path.of("config/participants.yaml");
    static final Set<String> TYPES = Set.of("ReleaseNotice", "ProbationCaseUpdate", "InformationRequest",
            "InformationResponse", "SupportOutcome", "StatisticsReport", "Receipt");
    static final Set<String> PURPOSES = Set.of("welfare-support", "housing-support", "employment-support",
            "entrance-support", "ordinance-reintegration", "planning-statistics", "model-project-evaluation");

    @TempDir
    Path dir;

    @Test
    void loadsTheDemoParticipantsWithTheirCertificatesKeysAndAgreements() {
        ParticipantRegistry registry = ParticipantRegistry.load(DEMO, TYPES, PURPOSES::contains);

        assertThat(registry.all()).extracting(Participant::id).containsExactlyInAnyOrder("facility-nagoya",
                "probation-nagoya", "230006", "231002", "252018", "moj-stats", "auditor");
        Participant nagoya = registry.find("231002").orElseThrow();
        assertThat(nagoya.role()).isEqualTo(ParticipantRole.MUNICIPALITY);
        assertThat(nagoya.certificates().get(0).getSubjectX500Principal().getName()).contains("CN=231002");
        assertThat(nagoya.sftpKeys()).hasSize(1);
        assertThat(nagoya.agreementsFor("ReleaseNotice", "facility-nagoya", LocalDate.of(2026, 11, 25)))
                .extracting(Agreement::purpose).containsExactlyInAnyOrder("welfare-support", "ordinance-reintegration");
        assertThat(registry.find("252018").orElseThrow()
                .agreementsFor("ReleaseNotice", "facility-nagoya", LocalDate.of(2026, 11, 25)))
                .extracting(Agreement::purpose).containsExactly("welfare-support");
        assertThat(registry.find("facility-nagoya").orElseThrow().maySend("ReleaseNotice")).isTrue();
        assertThat(registry.find("231002").orElseThrow().maySend("ReleaseNotice")).isFalse();
    }

    @Test
    void anAgreementOutsideItsValidityCoversNothing() {
        Participant nagoya = ParticipantRegistry.load(DEMO, TYPES, PURPOSES::contains).find("231002").orElseThrow();

        assertThat(nagoya.agreementsFor("ReleaseNotice", "facility-nagoya", LocalDate.of(2030, 4, 1))).isEmpty();
        assertThat(nagoya.agreementsFor("ReleaseNotice", "facility-nagoya", LocalDate.of(2025, 3, 31))).isEmpty();
    }

    @Test
    void refusesAnUnknownKeyNamingTheLine() throws IOException {
        Path file = write("""
                participants:
                  - id: facility-nagoya
                    name: x
                    role: CORRECTIONAL_FACILITY
                    colour: blue
                    certificate: %s
                """.formatted(cert("facility-nagoya")));

        assertThatThrownBy(() -> ParticipantRegistry.load(file, TYPES, PURPOSES::contains))
                .isInstanceOf(InvalidParticipantsException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("colour").hasMessageContaining("line 5");
    }

    @Test
    void aParticipantMayListSeveralCertificatesButNotBothFormsNoneOrOneTwice() throws IOException {
        Path overlap = write("""
                participants:
                  - id: facility-nagoya
                    name: x
                    role: CORRECTIONAL_FACILITY
                    certificates: [%s, %s]
                """.formatted(cert("facility-nagoya"), cert("231002")));
        Participant facility = ParticipantRegistry.load(overlap, TYPES, PURPOSES::contains).find("facility-nagoya")
                .orElseThrow();
        assertThat(facility.certificates()).hasSize(2);
        assertThat(facility.holds(facility.certificates().get(1))).isTrue();

        String one = cert("facility-nagoya");
        for (List<String> bad : List.of(
                List.of("    certificate: " + one + "\n    certificates: [" + one + "]\n", "exactly one of"),
                List.of("", "exactly one of"),
                List.of("    certificates: []\n", "certificates is empty"),
                List.of("    certificates: [" + one + ", " + one + "]\n", "listed twice"))) {
            Path file = write("participants:\n  - id: facility-nagoya\n    name: x\n    role: CORRECTIONAL_FACILITY\n"
                    + bad.get(0));
            assertThatThrownBy(() -> ParticipantRegistry.load(file, TYPES, PURPOSES::contains))
                    .as(bad.get(0)).isInstanceOf(InvalidParticipantsException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining(bad.get(1));
        }
    }

    @Test
    void aRecipientsDeliveryFormDefaultsByChannelAndCanBeRegistered() throws IOException {
        Path file = write("""
                participants:
                  - id: "231002"
                    name: a
                    role: MUNICIPALITY
                    certificate: %s
                  - id: "230006"
                    name: b
                    role: PREFECTURE
                    certificate: %s
                    delivery: SFTP
                  - id: "252018"
                    name: c
                    role: MUNICIPALITY
                    certificate: %s
                    delivery-form: JOSE
                """.formatted(cert("231002"), cert("230006"), cert("252018")));

        ParticipantRegistry registry = ParticipantRegistry.load(file, TYPES, PURPOSES::contains);

        assertThat(registry.find("231002").orElseThrow().deliveryForm()).isEqualTo(DeliveryForm.BOTH);
        assertThat(registry.find("230006").orElseThrow().deliveryForm()).isEqualTo(DeliveryForm.CMS);
        assertThat(registry.find("252018").orElseThrow().deliveryForm()).isEqualTo(DeliveryForm.JOSE);
    }

    @Test
    void refusesAnSftpRecipientWithoutTheCmsForm() throws IOException {
        Path file = write("""
                participants:
                  - id: "230006"
                    name: b
                    role: PREFECTURE
                    certificate: %s
                    delivery: SFTP
                    delivery-form: JOSE
                """.formatted(cert("230006")));

        assertThatThrownBy(() -> ParticipantRegistry.load(file, TYPES, PURPOSES::contains))
                .isInstanceOf(InvalidParticipantsException.class)
                .hasMessageContaining("participant '230006'").hasMessageContaining("delivery-form");
    }

    @Test
    void refusesAMissingCertificate() throws IOException {
        Path file = write("""
                participants:
                  - id: facility-nagoya
                    name: x
                    role: CORRECTIONAL_FACILITY
                    certificate: nowhere.pem
                """);

        assertThatThrownBy(() -> ParticipantRegistry.load(file, TYPES, PURPOSES::contains))
                .hasMessageContaining("participant 'facility-nagoya'").hasMessageContaining("nowhere.pem");
    }

    @Test
    void agreementsNameTheirLegalBasisByThePolicyId() {
        Participant nagoya = ParticipantRegistry.load(DEMO, TYPES, PURPOSES::contains).find("231002").orElseThrow();

        assertThat(nagoya.agreementsFor("ReleaseNotice", "facility-nagoya", LocalDate.of(2026, 11, 25)))
                .extracting(Agreement::legalBasis)
                .containsExactlyInAnyOrder(LegalBasis.APPI_ART69_2_III, LegalBasis.NAGOYA_DEMO_ORDINANCE);
    }

    @Test
    void refusesALegalBasisThatNoPolicyCanName() throws IOException {
        Path file = write("""
                participants:
                  - id: "231002"
                    name: 名古屋市
                    role: MUNICIPALITY
                    certificate: %s
                    agreements:
                      - id: a1
                        purpose: welfare-support
                        legal-basis: 個人情報の保護に関する法律
                        message-types: [ReleaseNotice]
                        valid-from: 2025-04-01
                        valid-until: 2030-03-31
                """.formatted(cert("231002")));

        assertThatThrownBy(() -> ParticipantRegistry.load(file, TYPES, PURPOSES::contains))
                .isInstanceOf(InvalidParticipantsException.class)
                .hasMessageContaining("agreement 'a1'")
                .hasMessageContaining("unknown legal-basis '個人情報の保護に関する法律'")
                .hasMessageContaining("appi-art69-2-iii");
    }

    @Test
    void refusesAnUnknownMessageTypeAndAnUnknownPurposeAndReversedDates() throws IOException {
        String base = """
                participants:
                  - id: "231002"
                    name: 名古屋市
                    role: MUNICIPALITY
                    certificate: %s
                    may-send: [%s]
                    agreements:
                      - id: a1
                        purpose: %s
                        legal-basis: appi-art69-2-iii
                        message-types: [ReleaseNotice]
                        valid-from: %s
                        valid-until: 2030-03-31
                """;
        String cert = cert("231002");

        assertThatThrownBy(() -> ParticipantRegistry.load(write(base.formatted(cert, "Gossip", "welfare-support",
                "2025-04-01")), TYPES, PURPOSES::contains)).hasMessageContaining("unknown message type 'Gossip'");
        assertThatThrownBy(() -> ParticipantRegistry.load(write(base.formatted(cert, "SupportOutcome", "curiosity",
                "2025-04-01")), TYPES, PURPOSES::contains)).hasMessageContaining("unknown purpose 'curiosity'");
        assertThatThrownBy(() -> ParticipantRegistry.load(write(base.formatted(cert, "SupportOutcome",
                "welfare-support", "2031-01-01")), TYPES, PURPOSES::contains))
                .hasMessageContaining("agreement 'a1'").hasMessageContaining("valid-until is before valid-from");
    }

    @Test
    void refusesADuplicateIdAndALocalGovernmentWithoutACode() throws IOException {
        String one = """
                  - id: %s
                    name: x
                    role: %s
                    certificate: %s
                """;
        String cert = cert("231002");

        assertThatThrownBy(() -> ParticipantRegistry.load(write("participants:\n" + one.formatted("auditor", "AUDITOR",
                cert) + one.formatted("auditor", "AUDITOR", cert)), TYPES, PURPOSES::contains))
                .hasMessageContaining("registered twice");
        assertThatThrownBy(() -> ParticipantRegistry.load(write("participants:\n" + one.formatted("nagoya",
                "MUNICIPALITY", cert)), TYPES, PURPOSES::contains))
                .hasMessageContaining("6-digit code");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "participants", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String cert(String participant) {
        return Path.of("../keys-example", participant, "cert.pem").toAbsolutePath().normalize().toString();
    }
}
