package org.tsunagi.gateway.crypto;

import java.security.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsunagi.routes.envelope.JcaProviders;

/** The JCA providers chosen by {@link CryptoProperties}, resolved once at start; an unusable choice stops the start. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);
    private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    @Bean
    JcaProviders jcaProviders(CryptoProperties crypto) {
        Provider corretto = corretto();
        JcaProviders providers = new JcaProviders(
                resolve("tsunagi.crypto.ecdsa", crypto.ecdsa(), corretto, JcaProviders.bouncyCastle()),
                resolve("tsunagi.crypto.aes-gcm", crypto.aesGcm(), corretto, null));
        log.info("JCA providers: ECDSA P-256 {}, AES-GCM (JOSE) {}", name(providers.ecdsa()),
                name(providers.aesGcm()));
        return providers;
    }

    private static Provider resolve(String setting, CryptoProperties.JcaProvider choice, Provider corretto,
                                    Provider fallback) {
        return switch (choice) {
            case AUTO -> corretto != null ? corretto : fallback;
            case JDK -> null;
            case BC -> JcaProviders.bouncyCastle();
            case ACCP -> {
                if (corretto == null) {
                    throw new IllegalStateException(setting + "=ACCP, but Amazon Corretto Crypto Provider does not "
                            + "load on this platform (linux-x86_64 or linux-aarch64 only): choose AUTO, BC or JDK");
                }
                yield corretto;
            }
        };
    }

    /** ACCP when its jar is there and its native library loads (it is not registered globally), else null. */
    static Provider corretto() {
        try {
            Class<?> type = Class.forName(ACCP);
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            Object error = type.getMethod("getLoadingError").invoke(provider);
            if (error != null) {
                log.info("Amazon Corretto Crypto Provider does not load here: {}", error);
                return null;
            }
            return provider;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static String name(Provider provider) {
        return provider == null ? "JDK" : provider.getName() + " " + provider.getVersionStr();
    }
}
