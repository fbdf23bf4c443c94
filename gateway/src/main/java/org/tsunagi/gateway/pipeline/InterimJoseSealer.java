package org.tsunagi.gateway.pipeline;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.EnvelopeException;

/**
 * The JOSE form of a copy (DESIGN.md "HTTPS delivery"): a compact JWE (RSA-OAEP-256 or ECDH-ES+A256KW, A256GCM) to
 * the recipient whose payload is a compact JWS (ES256 or PS256, signer certificate in {@code x5c}) of the XML.
 *
 * <p>Interim: the envelope feature owns JOSE; this adapter stands in until it provides its sealer, and goes then.
 */
final class InterimJoseSealer implements Sealing.JoseSealer {

    @Override
    public String seal(byte[] xml, Credentials signer, X509Certificate recipient) throws EnvelopeException {
        try {
            List<Base64> chain = List.of(Base64.encode(signer.certificate().getEncoded()));
            JWSObject jws;
            if (signer.privateKey() instanceof ECPrivateKey ec) {
                jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).x509CertChain(chain).build(),
                        new Payload(xml));
                jws.sign(new ECDSASigner(ec));
            } else {
                jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.PS256).x509CertChain(chain).build(),
                        new Payload(xml));
                jws.sign(new RSASSASigner(signer.privateKey()));
            }
            JWEObject jwe;
            if (recipient.getPublicKey() instanceof RSAPublicKey rsa) {
                jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                        .contentType("JWS").build(), new Payload(jws.serialize()));
                jwe.encrypt(new RSAEncrypter(rsa));
            } else if (recipient.getPublicKey() instanceof ECPublicKey ec) {
                jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM)
                        .contentType("JWS").build(), new Payload(jws.serialize()));
                jwe.encrypt(new ECDHEncrypter(ec));
            } else {
                throw new EnvelopeException(EnvelopeException.Reason.WEAK_ALGORITHM,
                        "unsupported recipient key " + recipient.getPublicKey().getAlgorithm());
            }
            return jwe.serialize();
        } catch (JOSEException | CertificateEncodingException e) {
            throw new EnvelopeException(EnvelopeException.Reason.WEAK_ALGORITHM, "cannot make the JOSE form: "
                    + e.getMessage(), e);
        }
    }
}
