package org.tsunagi.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tsunagi.gateway.crypto.CryptoProperties.JcaProvider;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.EnvelopeLimits;
import org.tsunagi.routes.envelope.JcaProviders;
import org.tsunagi.routes.envelope.JoseEnvelope;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageOpener;
import org.tsunagi.routes.envelope.MessageSealer;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;

/** The configured providers resolve as documented, and what they seal opens with the standard providers. */
class CryptoConfigurationTest {

    static final Path KEYS = Path.of("../keys-example");

    @Test
    void resolvesEachChoice() {
        CryptoConfiguration configuration = new CryptoConfiguration();
        JcaProviders jdk = configuration.jcaProviders(new CryptoProperties(JcaProvider.JDK, JcaProvider.JDK));
        JcaProviders bc = configuration.jcaProviders(new CryptoProperties(JcaProvider.BC, JcaProvider.BC));
        JcaProviders auto = configuration.jcaProviders(new CryptoProperties(JcaProvider.AUTO, JcaProvider.AUTO));

        assertThat(jdk.ecdsa()).isNull();
        assertThat(jdk.aesGcm()).isNull();
        assertThat(bc.ecdsa().getName()).isEqualTo("BC");
        assertThat(bc.aesGcm().getName()).isEqualTo("BC");
        if (CryptoConfiguration.corretto() != null) {
            assertThat(auto.ecdsa().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
            assertThat(auto.aesGcm().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        } else {
            assertThat(auto.ecdsa().getName()).isEqualTo("BC");
            assertThat(auto.aesGcm()).isNull();
            assertThatThrownBy(() -> configuration.jcaProviders(
                    new CryptoProperties(JcaProvider.ACCP, JcaProvider.AUTO)))
                    .hasMessageContaining("tsunagi.crypto.ecdsa=ACCP");
        }
    }

    @Test
    void whatEachProviderSealsOpensWithTheStandardOnes() throws Exception {
        Credentials signing = KeyMaterial.credentials(KEYS.resolve("gateway/signing-cert.pem"),
                KEYS.resolve("gateway/signing-key.pem"));
        byte[] xml = "<ReleaseNotice xmlns=\"urn:tsunagi:message:1\"/>".getBytes(StandardCharsets.UTF_8);
        SignerValidator validator = new SignerValidator(SignerTrust.of(
                List.of(KeyMaterial.certificate(KEYS.resolve("ca/cert.pem"))), List.of(KEYS.resolve("ca/crl.pem"))));
        CryptoConfiguration configuration = new CryptoConfiguration();
        for (JcaProvider choice : List.of(JcaProvider.JDK, JcaProvider.BC, JcaProvider.AUTO)) {
            JcaProviders providers = configuration.jcaProviders(new CryptoProperties(choice, choice));
            for (String recipient : List.of("231002", "230006")) {  // P-256 and RSA-3072 recipients
                Credentials own = KeyMaterial.credentials(KEYS.resolve(recipient + "/cert.pem"),
                        KEYS.resolve(recipient + "/key.pem"));
                byte[] cms = new MessageSealer(EnvelopeLimits.defaults(), Clock.systemUTC(), providers)
                        .seal(xml, signing, own.certificate());
                ByteArrayOutputStream opened = new ByteArrayOutputStream();
                new MessageOpener(own, validator).open(new ByteArrayInputStream(cms), opened);
                assertThat(opened.toByteArray()).as(choice + " CMS to " + recipient).isEqualTo(xml);

                String jwe = new JoseEnvelope(EnvelopeLimits.defaults(), Clock.systemUTC(), providers)
                        .seal(xml, signing, own.certificate());
                assertThat(new JoseEnvelope().open(jwe, own, validator).content())
                        .as(choice + " JOSE to " + recipient).isEqualTo(xml);
            }
        }
    }
}
