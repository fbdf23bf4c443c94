package org.tsunagi.routes.envelope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/** The committed demo PKI in keys-example/ (public keys: tests only). */
final class DemoPki {

    static final Path ROOT = locate();

    private DemoPki() {
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    static Credentials credentials(String dir) {
        return credentials(dir + "/cert.pem", dir + "/key.pem");
    }

    static Credentials credentials(String cert, String key) {
        try {
            return KeyMaterial.credentials(file(cert), file(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static X509Certificate certificate(String relative) {
        try {
            return KeyMaterial.certificate(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Credentials gatewayEncryption() {
        return credentials("gateway/encryption-cert.pem", "gateway/encryption-key.pem");
    }

    static Credentials gatewaySigning() {
        return credentials("gateway/signing-cert.pem", "gateway/signing-key.pem");
    }

    /** Trusts the demo CA, CRLs from ca/crl.pem, revocation required, CRLs re-checked on every validation. */
    static SignerValidator validator() {
        return new SignerValidator(new SignerTrust(List.of(certificate("ca/cert.pem")), List.of(file("ca/crl.pem")),
                true, Duration.ZERO));
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("keys-example/ca"))) {
                return dir.resolve("keys-example");
            }
        }
        throw new IllegalStateException("keys-example/ not found above " + Path.of("").toAbsolutePath());
    }
}
