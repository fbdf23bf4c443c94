package org.tsunagi.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SealOpenRoundTripTest {

    private static final byte[] XML = "<Message xmlns=\"urn:tsunagi:message:1\"><Header/></Message>"
            .getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0} signs for {1}")
    @CsvSource({
            "facility-nagoya, gateway/encryption",   // RSA-PSS signature, RSA-OAEP recipient
            "probation-nagoya, gateway/encryption",  // ECDSA signature, RSA-OAEP recipient
            "gateway/signing, 231002",               // ECDSA signature, ECDH recipient
            "facility-nagoya, 231002"                // RSA-PSS signature, ECDH recipient
    })
    void sealsAndOpens(String signerName, String recipientName) throws Exception {
        Credentials signer = named(signerName);
        Credentials recipient = named(recipientName);
        Instant before = Instant.now().minusSeconds(1);

        byte[] sealed = new MessageSealer().seal(XML, signer, recipient.certificate());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("urn:tsunagi:message:1");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenedMessage opened = new MessageOpener(recipient, DemoPki.validator())
                .open(new ByteArrayInputStream(sealed), out);

        assertThat(out.toByteArray()).isEqualTo(XML);
        assertThat(opened.signerCertificate()).isEqualTo(signer.certificate());
        assertThat(opened.signerSubject()).isEqualTo(signer.certificate().getSubjectX500Principal().getName());
        assertThat(opened.signingTime()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(opened.contentLength()).isEqualTo(XML.length);
        assertThat(opened.contentSha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(XML)));
    }

    static Credentials named(String name) {
        return switch (name) {
            case "gateway/encryption" -> DemoPki.gatewayEncryption();
            case "gateway/signing" -> DemoPki.gatewaySigning();
            default -> DemoPki.credentials(name);
        };
    }
}
