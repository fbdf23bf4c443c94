package org.tsunagi.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tsunagi sftp-host-key}: the gateway's SFTP host key as a known_hosts line, and its fingerprint, read from the
 * public key the gateway writes beside its host key at start.
 */
@Command(name = "sftp-host-key", mixinStandardHelpOptions = true,
        description = {"Print the gateway's SFTP host key as an OpenSSH known_hosts line (stdout) and its SHA-256 "
                + "fingerprint (stderr), to compare with the fingerprint the gateway logs at start.",
                "Example: tsunagi sftp-host-key --port 2222 >> ~/.ssh/known_hosts"})
final class SftpHostKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", defaultValue = "data/sftp-host-key.pub",
            description = "the public host key the gateway wrote (default ${DEFAULT-VALUE})")
    Path file;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "the name or address clients connect to (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "2222",
            description = "the SFTP port (default ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            String[] fields = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\s+");
            if (fields.length < 2 || !fields[0].matches("[a-z0-9@.-]{1,64}")) {
                throw new IllegalArgumentException(file + " is not an OpenSSH public key");
            }
            byte[] blob = Base64.getDecoder().decode(fields[1]);
            String fingerprint = "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
            String where = port == 22 ? host : "[" + host + "]:" + port;
            spec.commandLine().getOut().println(where + " " + fields[0] + " " + fields[1]);
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println(fields[0] + " " + fingerprint);
            spec.commandLine().getErr().flush();
            return 0;
        });
    }
}
