package org.tsunagi.gateway.crypto;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which JCA provider runs which algorithm ({@code tsunagi.crypto.*}); see bench/README.md for the measurements.
 *
 * @param ecdsa  P-256: the gateway's signatures on copies and receipts (CMS and JWS ES256), the verification of ES256
 *               bearer tokens and the ephemeral keys of CMS ECDH. {@code AUTO} (default): ACCP where its native
 *               library loads, else BC
 * @param aesGcm AES-256-GCM of the JOSE form's content. {@code AUTO} (default): ACCP where it loads, else the JDK's
 */
@Validated
@ConfigurationProperties("tsunagi.crypto")
public record CryptoProperties(@DefaultValue("AUTO") @NotNull JcaProvider ecdsa,
                               @DefaultValue("AUTO") @NotNull JcaProvider aesGcm) {

    /** A JCA provider the gateway can use. */
    public enum JcaProvider {
        /** The fastest measured that loads here: ACCP, else the named fallback. */
        AUTO,
        /** The JDK's own (SunEC, SunJCE). */
        JDK,
        /** Bouncy Castle (pure Java, everywhere). */
        BC,
        /** Amazon Corretto Crypto Provider (native AWS-LC; linux-x86_64 and linux-aarch64 only). */
        ACCP
    }
}
