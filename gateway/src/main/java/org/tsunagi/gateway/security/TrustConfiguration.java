package org.tsunagi.gateway.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;

/** The one {@link SignerValidator} of the gateway, from {@code tsunagi.trust.*}: for tokens and for messages. */
@Configuration(proxyBeanMethods = false)
class TrustConfiguration {

    @Bean
    SignerValidator signerValidator(TrustProperties trust) {
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path file : trust.anchorFiles()) {
            try {
                anchors.addAll(KeyMaterial.certificates(file));
            } catch (IOException e) {
                throw new IllegalStateException("tsunagi.trust.anchors: cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            return new SignerValidator(new SignerTrust(anchors, trust.crlLocations(), trust.revocationRequired(),
                    SignerTrust.DEFAULT_CRL_RECHECK));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tsunagi.trust: " + e.getMessage(), e);
        }
    }
}
