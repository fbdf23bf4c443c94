package org.tsunagi.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Signature;
import java.security.Provider;
import java.security.interfaces.EdECPublicKey;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import java.util.Set;

/**
 * Nimbus's verifiers, plus EdDSA (Ed25519) through the JDK's own implementation: Nimbus's Ed25519Verifier needs
 * Google Tink, which the gateway does not otherwise carry. ES256 runs in the configured ECDSA provider
 * ({@code tsunagi.crypto.ecdsa}): most participants sign their tokens with P-256, and the JDK's SunEC is the slowest.
 */
final class Ed25519JcaVerifierFactory implements JWSVerifierFactory {

    private final DefaultJWSVerifierFactory nimbus = new DefaultJWSVerifierFactory();
    private final Provider ecdsa;

    /** With the JDK's providers throughout. */
    Ed25519JcaVerifierFactory() {
        this(null);
    }

    /** @param ecdsa the provider of ES256 verification, or {@code null} for the JDK's */
    Ed25519JcaVerifierFactory(Provider ecdsa) {
        this.ecdsa = ecdsa;
    }

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        if (JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) && key instanceof EdECPublicKey ed) {
            return new Verifier(ed);
        }
        JWSVerifier verifier = nimbus.createJWSVerifier(header, key);
        if (verifier instanceof ECDSAVerifier && ecdsa != null) {
            verifier.getJCAContext().setProvider(ecdsa);
        }
        return verifier;
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return nimbus.supportedJWSAlgorithms();
    }

    @Override
    public JCAContext getJCAContext() {
        return nimbus.getJCAContext();
    }

    private static final class Verifier implements JWSVerifier {

        private final EdECPublicKey key;
        private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();
        private final JCAContext jca = new JCAContext();

        Verifier(EdECPublicKey key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            if (!critical.headerPasses(header)) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(signingInput);
                return verifier.verify(signature.decode());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }
}
