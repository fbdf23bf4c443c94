package org.tsunagi.cli;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageSealer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tsunagi seal}: sign a message, then encrypt it to one recipient (CMS, as OpenSSL reads it). */
@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Sign a message (CMS SignedData, SHA-256), then encrypt it to one recipient "
                + "(CMS AuthEnvelopedData, AES-256-GCM; RSA-OAEP or ECDH P-256).",
                "Keys: PEM files (PKCS#8 key) or a PKCS#12 keystore. Exit status 0 on success, 1 on any failure "
                        + "(one line on stderr with the reason code), 2 on wrong options."})
final class SealCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "the message to seal (XML)")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the sealed message (.p7m)")
    Path out;

    @Option(names = "--sign-cert", paramLabel = "FILE", description = "the signer's certificate (PEM)")
    Path signCert;

    @Option(names = "--sign-key", paramLabel = "FILE", description = "the signer's private key (PKCS#8 PEM)")
    Path signKey;

    @Option(names = "--keystore", paramLabel = "FILE", description = "the signer's PKCS#12 keystore, instead of the PEM files")
    Path keystore;

    @Option(names = "--password-env", paramLabel = "VAR", description = "the environment variable holding the keystore password")
    String passwordEnv;

    @Option(names = "--recipient-cert", required = true, paramLabel = "FILE", description = "the recipient's certificate (PEM)")
    Path recipientCert;

    private final Function<String, String> environment;

    /** Reads environment variables from the process (what {@code new CommandLine(new Tsunagi())} uses). */
    SealCommand() {
        this(System::getenv);
    }

    SealCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            Credentials signer = KeySource.load(signCert, signKey, keystore, passwordEnv, environment,
                    "--sign-cert", "--sign-key");
            var recipient = KeyMaterial.certificate(recipientCert);
            try (InputStream content = new BufferedInputStream(Files.newInputStream(in), 1 << 16);
                 OutputFile output = new OutputFile(out)) {
                new MessageSealer().seal(content, signer, recipient, output.stream());
                output.commit();
            }
            return 0;
        });
    }
}
