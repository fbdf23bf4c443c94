package org.tsunagi.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JoseEnvelopeTest {

    private static final byte[] XML = "<Message xmlns=\"urn:tsunagi:message:1\"><Body>支援</Body></Message>"
            .getBytes(StandardCharsets.UTF_8);

    private final JoseEnvelope jose = new JoseEnvelope();

    @ParameterizedTest(name = "{0} signs for {1}: {2}")
    @CsvSource({
            "gateway/signing, 231002, ES256 in ECDH-ES+A256KW",
            "gateway/signing, 230006, ES256 in RSA-OAEP-256",
            "facility-nagoya, 231002, PS256 in ECDH-ES+A256KW",
            "facility-nagoya, gateway/encryption, PS256 in RSA-OAEP-256"
    })
    void sealsAndOpens(String signerName, String recipientName, String algorithms) throws Exception {
        Credentials signer = SealOpenRoundTripTest.named(signerName);
        Credentials recipient = SealOpenRoundTripTest.named(recipientName);
        String compact = jose.seal(XML, signer, recipient.certificate());

        JWEObject jwe = JWEObject.parse(compact);
        assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
        assertThat(jwe.getHeader().getContentType()).isEqualTo("JOSE");
        assertThat(algorithms).contains(jwe.getHeader().getAlgorithm().getName());

        JoseEnvelope.Opened opened = jose.open(compact, recipient, DemoPki.validator());
        assertThat(opened.content()).isEqualTo(XML);
        assertThat(opened.message().signerCertificate()).isEqualTo(signer.certificate());
        assertThat(opened.message().contentLength()).isEqualTo(XML.length);
    }

    @Test
    void refusals() throws Exception {
        Credentials nagoya = DemoPki.credentials("231002");
        Credentials gateway = DemoPki.gatewaySigning();
        String compact = jose.seal(XML, gateway, nagoya.certificate());

        assertReason(() -> jose.open("not.a.jwe", nagoya, DemoPki.validator()), EnvelopeException.Reason.MALFORMED_CMS);
        assertReason(() -> jose.open(compact, DemoPki.credentials("moj-stats"), DemoPki.validator()),
                EnvelopeException.Reason.NOT_FOR_THIS_RECIPIENT);
        String[] parts = compact.split("\\.");
        char[] ciphertext = parts[3].toCharArray();
        ciphertext[5] = ciphertext[5] == 'A' ? 'B' : 'A';
        parts[3] = new String(ciphertext);
        assertReason(() -> jose.open(String.join(".", parts), nagoya, DemoPki.validator()),
                EnvelopeException.Reason.DECRYPTION_FAILED);

        Credentials rogue = DemoPki.credentials("test/rogue-ca/participant-cert.pem", "test/rogue-ca/participant-key.pem");
        assertReason(() -> jose.open(jose.seal(XML, rogue, nagoya.certificate()), nagoya, DemoPki.validator()),
                EnvelopeException.Reason.UNTRUSTED_SIGNER);
        assertReason(() -> jose.open(jose.seal(XML, DemoPki.credentials("test/revoked"), nagoya.certificate()), nagoya,
                DemoPki.validator()), EnvelopeException.Reason.CERTIFICATE_REVOKED);
        assertReason(() -> jose.open(jose.seal(XML, DemoPki.credentials("test/expired"), nagoya.certificate()), nagoya,
                DemoPki.validator()), EnvelopeException.Reason.CERTIFICATE_EXPIRED);
        assertReason(() -> new JoseEnvelope(EnvelopeLimits.defaults().withMaxContentBytes(10))
                .seal(XML, gateway, nagoya.certificate()), EnvelopeException.Reason.TOO_LARGE);
    }

    @Test
    void aSignatureByAnotherKeyThanTheCertificatesIsBadSignature() throws Exception {
        Credentials claimed = DemoPki.credentials("facility-nagoya");
        Credentials actual = DemoPki.credentials("230006");
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.PS256)
                .x509CertChain(List.of(Base64.encode(claimed.certificate().getEncoded())))
                .customParam("iat", System.currentTimeMillis() / 1000).build(), new Payload(XML));
        jws.sign(new RSASSASigner(actual.privateKey()));
        Credentials gateway = DemoPki.gatewayEncryption();
        assertReason(() -> jose.open(encryptToGateway(jws.serialize(), JWEAlgorithm.RSA_OAEP_256), gateway,
                DemoPki.validator()), EnvelopeException.Reason.BAD_SIGNATURE);
    }

    @Test
    void weakJoseAlgorithmsAreRefused() throws Exception {
        Credentials signer = DemoPki.credentials("facility-nagoya");
        JWSObject rs256 = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .x509CertChain(List.of(Base64.encode(signer.certificate().getEncoded())))
                .customParam("iat", System.currentTimeMillis() / 1000).build(), new Payload(XML));
        rs256.sign(new RSASSASigner(signer.privateKey()));
        Credentials gateway = DemoPki.gatewayEncryption();
        assertReason(() -> jose.open(encryptToGateway(rs256.serialize(), JWEAlgorithm.RSA_OAEP_256), gateway,
                DemoPki.validator()), EnvelopeException.Reason.WEAK_ALGORITHM);

        JWSObject ps256 = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.PS256)
                .x509CertChain(List.of(Base64.encode(signer.certificate().getEncoded())))
                .customParam("iat", System.currentTimeMillis() / 1000).build(), new Payload(XML));
        ps256.sign(new RSASSASigner(signer.privateKey()));
        assertReason(() -> jose.open(encryptToGateway(ps256.serialize(), JWEAlgorithm.RSA1_5), gateway,
                DemoPki.validator()), EnvelopeException.Reason.WEAK_ALGORITHM);
    }

    private static String encryptToGateway(String jws, JWEAlgorithm algorithm) throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(algorithm, EncryptionMethod.A256GCM).contentType("JOSE")
                .build(), new Payload(jws));
        jwe.encrypt(new RSAEncrypter((RSAPublicKey) DemoPki.gatewayEncryption().certificate().getPublicKey()));
        return jwe.serialize();
    }

    private interface Attempt {
        Object run() throws Exception;
    }

    /** Found by EnvelopeFuzzTest: Nimbus threw NullPointerException for a JWE header without "enc". */
    @Test
    void aJweHeaderWithoutAnEncryptionMethodIsMalformedNotACrash() {
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"RSA-OAEP-256\"}".getBytes(StandardCharsets.UTF_8));
        assertReason(() -> new JoseEnvelope().open(header + "....", DemoPki.gatewayEncryption(), DemoPki.validator()),
                EnvelopeException.Reason.MALFORMED_CMS);
    }

    private static void assertReason(Attempt attempt, EnvelopeException.Reason reason) {
        assertThatThrownBy(attempt::run).isInstanceOfSatisfying(EnvelopeException.class,
                e -> assertThat(e.reason()).as(e.toString()).isEqualTo(reason));
    }
}
