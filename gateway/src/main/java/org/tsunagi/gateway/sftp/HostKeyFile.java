package org.tsunagi.gateway.sftp;

import org.tsunagi.gateway.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The SFTP host key's public half, written beside the private key as {@code <host key>.pub} in OpenSSH form, so
 * that an operator (or {@code tsunagi sftp-host-key}) can publish it without reading the private key.
 */
final class HostKeyFile {

    private HostKeyFile() {
    }

    /** Loads (generating on the first start) the host key and writes its public half; returns it. */
    static PublicKey publish(SimpleGeneratorHostKeyProvider hostKeys, Path hostKey) {
        boolean generated = !Files.exists(hostKey);
        PublicKey key = hostKeys.loadKeys(null).iterator().next().getPublic();
        Path pub = hostKey.resolveSibling(hostKey.getFileName() + ".pub");
        String line = PublicKeyEntry.toString(key) + " tsunagi-sftp-host-key\n";
        try {
            if (!Files.exists(pub) || !Files.readString(pub, StandardCharsets.US_ASCII).equals(line)) {
                Files.deleteIfExists(pub);
                PrivateFiles.write(pub, line.getBytes(StandardCharsets.US_ASCII));
            }
            if (generated) {
                // Whatever umask it was generated under: the private key is the gateway's alone. (A key an operator
                // provides is left as it is: it may be a read-only mounted secret.)
                PrivateFiles.restrict(hostKey);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pub, e);
        }
        return key;
    }
}
