package org.tsunagi.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.KeyMaterial;

/** Loads a participant's key and certificate from PEM files or from a PKCS#12 keystore, as the options say. */
final class KeySource {

    private KeySource() {
    }

    /**
     * @param certificate     the PEM certificate option value (null when a keystore is used)
     * @param key             the PKCS#8 PEM key option value (null when a keystore is used)
     * @param keystore        the PKCS#12 keystore (null when PEM files are used)
     * @param passwordEnv     the environment variable holding the keystore password
     * @param certificateName the option names, for messages
     */
    static Credentials load(Path certificate, Path key, Path keystore, String passwordEnv,
                            Function<String, String> environment, String certificateName, String keyName)
            throws IOException, UsageException {
        if (keystore != null) {
            if (certificate != null || key != null) {
                throw new UsageException("use either --keystore or " + certificateName + "/" + keyName + ", not both");
            }
            if (passwordEnv == null) {
                throw new UsageException("--keystore needs --password-env VAR (the variable holding its password)");
            }
            String password = environment.apply(passwordEnv);
            if (password == null) {
                throw new UsageException("environment variable " + passwordEnv + " is not set");
            }
            return KeyMaterial.pkcs12(keystore, password.toCharArray());
        }
        if (certificate == null || key == null) {
            throw new UsageException("give " + certificateName + " and " + keyName + " (PEM), or --keystore");
        }
        return KeyMaterial.credentials(certificate, key);
    }
}
