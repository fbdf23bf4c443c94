package org.tsunagi.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Who calls the gateway and how: the options shared by {@code token}, {@code submit} and {@code poll}. */
final class ParticipantOptions {

    @Option(names = "--participant", required = true, paramLabel = "ID",
            description = "your participant id (the token's iss), e.g. 231002")
    String participant;

    @Option(names = "--key", paramLabel = "FILE", description = "your private key (PKCS#8 PEM)")
    Path key;

    @Option(names = "--keystore", paramLabel = "FILE", description = "your PKCS#12 keystore, instead of --key/--cert")
    Path keystore;

    @Option(names = "--password-env", paramLabel = "VAR", description = "the environment variable holding the keystore password")
    String passwordEnv;

    /** The token minter, from --key alone, or from the keystore (its certificate is not needed for tokens). */
    ParticipantToken token(Path certificate, Function<String, String> environment)
            throws IOException, KeySource.UsageException {
        if (keystore == null && key != null && certificate == null) {
            return new ParticipantToken(participant, org.tsunagi.routes.envelope.KeyMaterial.privateKey(key),
                    Clock.systemUTC());
        }
        return new ParticipantToken(participant,
                KeySource.load(certificate, key, keystore, passwordEnv, environment, "--cert", "--key").privateKey(),
                Clock.systemUTC());
    }

    static GatewayClient client(URI gateway, Path trust, ParticipantToken token) throws IOException {
        if (!"https".equalsIgnoreCase(gateway.getScheme())) {
            throw new IOException("--gateway must be an https:// URL, not " + gateway);
        }
        return new GatewayClient(gateway, trust, token);
    }
}
