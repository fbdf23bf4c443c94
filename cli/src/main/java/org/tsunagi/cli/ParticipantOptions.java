package org.tsunagi.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.KeyMaterial;
import picocli.CommandLine.Option;

/**
 * Who calls the gateway and how: the options every command that talks to the gateway shares ({@code token},
 * {@code submit}, {@code poll}, {@code audit}, {@code ledger verify}). None is required here: {@code token} runs
 * offline without {@code --gateway}, and {@code ledger verify} may read the public endpoints without a participant;
 * each command asks for what it needs.
 */
public final class ParticipantOptions {

    @Option(names = "--gateway", paramLabel = "URL", description = "the gateway's base URL, https:// only, "
            + "e.g. https://localhost:8443")
    URI gateway;

    @Option(names = "--participant", paramLabel = "ID",
            description = "your participant id (the token's iss), e.g. 231002")
    String participant;

    @Option(names = "--key", paramLabel = "FILE", description = "your private key (PKCS#8 PEM)")
    Path key;

    @Option(names = "--keystore", paramLabel = "FILE", description = "your PKCS#12 keystore, instead of --key/--cert")
    Path keystore;

    @Option(names = "--password-env", paramLabel = "VAR", description = "the environment variable holding the keystore password")
    String passwordEnv;

    @Option(names = "--trust", paramLabel = "CA", description = "the CA certificate (PEM) the gateway's TLS "
            + "certificate chains to; default: the JVM's trust store")
    Path trust;

    /** The gateway's base URL (--gateway), or null. */
    public URI gateway() {
        return gateway;
    }

    /** Whether the command was told who is calling (a participant, a key or a keystore). */
    public boolean identified() {
        return participant != null || key != null || keystore != null;
    }

    /** The token minter, from --key alone, or from the keystore (its certificate is not needed for tokens). */
    public ParticipantToken token(Function<String, String> environment) throws IOException, UsageException {
        if (keystore == null && key != null) {
            return new ParticipantToken(participant(), KeyMaterial.privateKey(key), Clock.systemUTC());
        }
        return token(credentials(null, environment));
    }

    /** The token minter for credentials already loaded (e.g. with --cert, to open messages as well). */
    ParticipantToken token(Credentials own) throws UsageException {
        return new ParticipantToken(participant(), own.privateKey(), Clock.systemUTC());
    }

    /** Your key and certificate, from --key and {@code certificate}, or from --keystore. */
    Credentials credentials(Path certificate, Function<String, String> environment)
            throws IOException, UsageException {
        return KeySource.load(certificate, key, keystore, passwordEnv, environment, "--cert", "--key");
    }

    /**
     * A client of the gateway at --gateway, which must be an https:// URL, trusting --trust.
     *
     * @param token the bearer token minter, or null for the endpoints that need none
     */
    public GatewayClient client(ParticipantToken token) throws IOException, UsageException {
        if (gateway == null) {
            throw new UsageException("--gateway URL is required");
        }
        if (!"https".equalsIgnoreCase(gateway.getScheme())) {
            throw new IOException("--gateway must be an https:// URL, not " + gateway);
        }
        return new GatewayClient(gateway, trust, token);
    }

    private String participant() throws UsageException {
        if (participant == null) {
            throw new UsageException("--participant ID is required");
        }
        return participant;
    }
}
