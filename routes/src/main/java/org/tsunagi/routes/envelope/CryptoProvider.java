package org.tsunagi.routes.envelope;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance used by the envelope code. Passed explicitly to every builder rather than
 * registered globally, so nothing here changes the JVM's provider list.
 */
final class CryptoProvider {

    // Bouncy Castle's AES-GCM streams plaintext as it decrypts (the JDK's buffers the whole message until the tag):
    // needed to open large envelopes in bounded memory. Authentication is still enforced before release, see
    // MessageOpener.
    static final Provider BC = new BouncyCastleProvider();

    private CryptoProvider() {
    }
}
