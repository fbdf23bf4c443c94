package org.tsunagi.routes.envelope;

import java.security.Provider;

/**
 * Which JCA provider does which part of sealing, chosen per algorithm from measurements (bench/README.md, "JCA
 * providers"). {@code null} means the JDK's own providers (SunEC, SunJCE). RSA, the ECDH agreement with its KDF and
 * key wrapping (Bouncy Castle in both forms), and the CMS content encryption are not affected.
 *
 * @param ecdsa  P-256 arithmetic: ECDSA signatures (CMS SignerInfo, JWS ES256; the gateway also verifies ES256 tokens
 *               with it) and the ephemeral key pair of each CMS ECDH recipient
 * @param aesGcm AES-GCM of the JWE's content
 */
public record JcaProviders(Provider ecdsa, Provider aesGcm) {

    /** The JDK's own providers for both. */
    public static JcaProviders jdk() {
        return new JcaProviders(null, null);
    }

    /** The Bouncy Castle provider instance the envelope code uses for CMS. */
    public static Provider bouncyCastle() {
        return CryptoProvider.BC;
    }
}
