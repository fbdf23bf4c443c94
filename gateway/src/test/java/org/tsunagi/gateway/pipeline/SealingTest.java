package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.envelope.JoseEnvelope;
import org.tsunagi.routes.envelope.MessageSealer;
import org.tsunagi.routes.pipeline.Redacted;
import org.tsunagi.routes.pipeline.RedactedCopy;
import org.tsunagi.routes.pipeline.Sealed;
import org.tsunagi.routes.pipeline.SealedCopy;
import org.tsunagi.routes.redaction.LegalBasis;
import org.tsunagi.routes.routing.AgreementTerms;
import org.tsunagi.routes.routing.Disclosure;

/** Only the recipient's registered delivery form is sealed, and what is sealed opens to the copy. */
class SealingTest {

    @TempDir
    Path dir;

    @Test
    void sealsEachCopyInItsRecipientsRegisteredFormsOnly() throws IOException {
        Path file = Files.writeString(dir.resolve("participants.yaml"), """
                participants:
                  - id: "231002"
                    name: a
                    role: MUNICIPALITY
                    certificate: %s
                    delivery-form: JOSE
                  - id: "230006"
                    name: b
                    role: PREFECTURE
                    certificate: %s
                    delivery-form: CMS
                  - id: "252018"
                    name: c
                    role: MUNICIPALITY
                    certificate: %s
                """.formatted(cert("231002"), cert("230006"), cert("252018")));
        ParticipantRegistry registry = ParticipantRegistry.load(file, Set.of("ReleaseNotice"), p -> true);
        Sealing sealing = new Sealing(new MessageSealer(), new JoseEnvelope(),
                DemoParticipants.credentials(DemoParticipants.KEYS.resolve("gateway/signing-cert.pem"),
                        DemoParticipants.KEYS.resolve("gateway/signing-key.pem")), registry,
                DemoParticipants.currentCertificates());
        byte[] xml = DemoParticipants.sample("ReleaseNotice").getBytes(StandardCharsets.UTF_8);

        Sealed sealed = sealing.seal(new Redacted(null, List.of(copy("231002", xml), copy("230006", xml),
                copy("252018", xml))));

        SealedCopy joseOnly = sealed.copies().get(0);
        SealedCopy cmsOnly = sealed.copies().get(1);
        SealedCopy both = sealed.copies().get(2);
        assertThat(joseOnly.cms()).isNull();
        assertThat(joseOnly.jose()).matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){4}");
        assertThat(cmsOnly.jose()).isNull();
        assertThat(DemoParticipants.open(cmsOnly.cms(), "230006")).isEqualTo(new String(xml, StandardCharsets.UTF_8));
        assertThat(both.cms()).isNotNull();
        assertThat(both.jose()).isNotNull();
    }

    private static RedactedCopy copy(String recipient, byte[] xml) {
        return new RedactedCopy(new Disclosure(recipient, new AgreementTerms("a-" + recipient, "welfare-support",
                LegalBasis.APPI_ART69_2_III, 3), Set.of()), xml, List.of());
    }

    private static String cert(String participant) {
        return DemoParticipants.KEYS.resolve(participant).resolve("cert.pem").toAbsolutePath().normalize().toString();
    }
}
