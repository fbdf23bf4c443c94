package org.tsunagi.cli;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageOpener;
import org.tsunagi.routes.envelope.OpenedMessage;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tsunagi open}: decrypt, verify the signature and the signer's certificate, write the message. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Decrypt a sealed message, verify its signature and the signer's certificate (chain to --trust, "
                + "validity, key usage, revocation by CRL), write the message and print the signer's subject.",
                "CRLs: every --crl (file or directory); without --crl, the crl.pem or crl.der next to each --trust "
                        + "certificate. A missing or outdated CRL is a failure unless --allow-missing-crl.",
                "Nothing is written unless everything verifies. Exit status 0 on success, 1 on any failure "
                        + "(one line on stderr with the reason code), 2 on wrong options."})
final class OpenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "the sealed message (.p7m)")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the message (XML)")
    Path out;

    @Option(names = "--cert", paramLabel = "FILE", description = "your certificate (PEM)")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "your private key (PKCS#8 PEM)")
    Path key;

    @Option(names = "--keystore", paramLabel = "FILE", description = "your PKCS#12 keystore, instead of the PEM files")
    Path keystore;

    @Option(names = "--password-env", paramLabel = "VAR", description = "the environment variable holding the keystore password")
    String passwordEnv;

    @Option(names = "--trust", required = true, paramLabel = "CA", description = "trusted CA certificate(s) (PEM); repeatable")
    List<Path> trust;

    @Option(names = "--crl", paramLabel = "FILE", description = "CRL file or directory (PEM or DER); repeatable")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--allow-missing-crl", description = "accept a signer whose CA has no current CRL (revoked certificates "
            + "on a CRL that is present are still refused)")
    boolean allowMissingCrl;

    private final Function<String, String> environment;

    /** Reads environment variables from the process (what {@code new CommandLine(new Tsunagi())} uses). */
    OpenCommand() {
        this(System::getenv);
    }

    OpenCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            Credentials own = KeySource.load(cert, key, keystore, passwordEnv, environment, "--cert", "--key");
            List<X509Certificate> anchors = new ArrayList<>();
            for (Path file : trust) {
                anchors.addAll(KeyMaterial.certificates(file));
            }
            SignerValidator validator = new SignerValidator(new SignerTrust(anchors, crlLocations(),
                    !allowMissingCrl, SignerTrust.DEFAULT_CRL_RECHECK));
            OpenedMessage opened;
            try (InputStream sealed = new BufferedInputStream(Files.newInputStream(in), 1 << 16);
                 OutputFile output = new OutputFile(out)) {
                opened = new MessageOpener(own, validator).open(sealed, output.stream());
                output.commit();
            }
            spec.commandLine().getOut().println(opened.signerSubject());
            spec.commandLine().getOut().flush();
            return 0;
        });
    }

    private List<Path> crlLocations() {
        if (!crls.isEmpty()) {
            return crls;
        }
        List<Path> found = new ArrayList<>();
        for (Path anchor : trust) {
            Path dir = anchor.toAbsolutePath().getParent();
            for (String name : List.of("crl.pem", "crl.der")) {
                if (Files.isRegularFile(dir.resolve(name))) {
                    found.add(dir.resolve(name));
                    break;
                }
            }
        }
        return found;
    }
}
