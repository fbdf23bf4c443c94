package org.tsunagi.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;

/**
 * The one {@link SignerValidator} of the gateway, from {@code tsunagi.trust.*}: for tokens and for messages. Its
 * CRLs are {@link RevocationLists}', reloaded on a schedule and validated before use.
 */
@Configuration(proxyBeanMethods = false)
class TrustConfiguration {

    @Bean
    RevocationLists revocationLists(TrustProperties trust, Clock clock, MeterRegistry meters) {
        try {
            return new RevocationLists(anchors(trust), trust, clock, meters);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tsunagi.trust.crls: " + e.getMessage(), e);
        }
    }

    @Bean
    SignerValidator signerValidator(TrustProperties trust, RevocationLists crls) {
        try {
            return new SignerValidator(new SignerTrust(anchors(trust), List.of(), trust.revocationRequired(),
                    SignerTrust.DEFAULT_CRL_RECHECK), crls::certStore, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tsunagi.trust: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> anchors(TrustProperties trust) {
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path file : trust.anchorFiles()) {
            try {
                anchors.addAll(KeyMaterial.certificates(file));
            } catch (IOException e) {
                throw new IllegalStateException("tsunagi.trust.anchors: cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return anchors;
    }
}
