package org.tsunagi.routes.envelope;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Private keys as a given provider's own key objects. Keys are loaded through Bouncy Castle (PEM, PKCS#12); a native
 * provider such as ACCP refuses foreign key classes, so each key is converted once by that provider's KeyFactory.
 */
final class ProviderKeys {

    private final Provider provider;
    private final Map<PrivateKey, PrivateKey> translated = new ConcurrentHashMap<>();

    /** @param provider the provider the keys are for; {@code null} or Bouncy Castle use the keys as they are */
    ProviderKeys(Provider provider) {
        this.provider = provider;
    }

    PrivateKey of(PrivateKey key) {
        if (provider == null || provider == CryptoProvider.BC) {
            return key;
        }
        return translated.computeIfAbsent(key, k -> {
            try {
                // Bouncy Castle names its EC keys "ECDSA", which other key factories refuse: go through PKCS#8.
                String algorithm = k.getAlgorithm().equals("ECDSA") ? "EC" : k.getAlgorithm();
                return KeyFactory.getInstance(algorithm, provider).generatePrivate(
                        new PKCS8EncodedKeySpec(k.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the " + provider.getName() + " provider cannot use this "
                        + k.getAlgorithm() + " key: " + e.getMessage(), e);
            }
        });
    }
}
