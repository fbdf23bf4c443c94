package org.tsunagi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys-example/generate.sh add|revoke|renew} on a copy of the committed demo PKI (never on the repository's
 * own files): one participant is added, revoked and renewed with real {@code openssl ca}, the others stay byte for
 * byte what they were, and {@code openssl verify} judges the results against the CA and its CRL.
 */
class DemoPkiScriptTest {

    private static final String NEW = "999999";

    @TempDir
    Path temp;

    private record Run(int exit, String output) {}

    @Test
    void addRevokeAndRenewOneParticipantLeaveTheOthersAlone() throws Exception {
        Path pki = temp.resolve("keys-example");
        copy(CliRun.keys(), pki);
        Map<String, String> before = files(pki);
        String crlNumberBefore = openssl(pki, "crl", "-in", "ca/crl.pem", "-noout", "-crlnumber").output();

        Run add = script(pki, "add", NEW);
        assertThat(add.exit()).as(add.output()).isZero();
        assertThat(verify(pki, NEW + "/cert.pem", false).exit()).isZero();
        assertThat(verify(pki, NEW + "/cert.pem", true).exit()).isZero();
        assertThat(openssl(pki, "x509", "-in", NEW + "/cert.pem", "-noout", "-subject").output()).contains("CN = " + NEW);
        assertThat(pki.resolve(NEW).resolve("key.pem")).isRegularFile();
        assertThat(pki.resolve(NEW).resolve("sftp_ed25519.pub")).isRegularFile();
        assertThat(withoutNewAndDatabase(files(pki))).as("every file but the new participant's").isEqualTo(withoutNewAndDatabase(before));

        Run again = script(pki, "add", "231002");
        assertThat(again.exit()).as("an existing participant is not overwritten").isNotZero();
        assertThat(again.output()).contains("exists already");
        assertThat(withoutNewAndDatabase(files(pki))).isEqualTo(withoutNewAndDatabase(before));

        Run revoke = script(pki, "revoke", NEW, "cert.pem", "cessationOfOperation");
        assertThat(revoke.exit()).as(revoke.output()).isZero();
        Run revoked = verify(pki, NEW + "/cert.pem", true);
        assertThat(revoked.exit()).isNotZero();
        assertThat(revoked.output()).contains("certificate revoked");
        assertThat(verify(pki, "231002/cert.pem", true).exit()).isZero();
        assertThat(verify(pki, "test/revoked/cert.pem", true).output())
                .as("the revocation the CRL had before is kept").contains("certificate revoked");
        assertThat(openssl(pki, "crl", "-in", "ca/crl.pem", "-noout", "-crlnumber").output()).isNotEqualTo(crlNumberBefore);
        assertThat(openssl(pki, "crl", "-in", "ca/crl.der", "-inform", "DER", "-noout", "-text").output()).contains("Cessation Of Operation");
        Map<String, String> afterRevoke = withoutNewAndDatabase(files(pki));
        Map<String, String> expected = withoutNewAndDatabase(before);
        expected.remove("ca/crl.pem");
        expected.remove("ca/crl.der");
        afterRevoke.remove("ca/crl.pem");
        afterRevoke.remove("ca/crl.der");
        assertThat(afterRevoke).as("a revocation changes only the CRL").isEqualTo(expected);

        Map<String, String> beforeRenew = files(pki);
        Run renew = script(pki, "renew", "231002");
        assertThat(renew.exit()).as(renew.output()).isZero();
        List<Path> renewed;
        try (Stream<Path> listing = Files.list(pki.resolve("231002"))) {
            renewed = listing.filter(p -> p.getFileName().toString().matches("cert-[0-9A-F]+\\.pem")).toList();
        }
        assertThat(renewed).hasSize(1);
        String second = "231002/" + renewed.get(0).getFileName();
        assertThat(verify(pki, second, true).exit()).as("the new certificate").isZero();
        assertThat(verify(pki, "231002/cert.pem", true).exit()).as("the old one stays valid: overlap").isZero();
        assertThat(openssl(pki, "x509", "-in", second, "-noout", "-serial").output())
                .isNotEqualTo(openssl(pki, "x509", "-in", "231002/cert.pem", "-noout", "-serial").output());
        assertThat(pki.resolve(second.replace("cert-", "key-"))).isRegularFile();
        Map<String, String> afterRenew = files(pki);
        afterRenew.keySet().removeIf(k -> k.startsWith("231002/cert-") || k.startsWith("231002/key-") || k.startsWith("ca/db/"));
        beforeRenew.keySet().removeIf(k -> k.startsWith("ca/db/"));
        assertThat(afterRenew).as("a renewal only adds the new key and certificate").isEqualTo(beforeRenew);
    }

    private static Run verify(Path pki, String cert, boolean crl) throws Exception {
        return crl
                ? openssl(pki, "verify", "-crl_check", "-CAfile", "ca/cert.pem", "-CRLfile", "ca/crl.pem", cert)
                : openssl(pki, "verify", "-CAfile", "ca/cert.pem", cert);
    }

    private static Run openssl(Path pki, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return run(pki, command);
    }

    private static Run script(Path pki, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", pki.resolve("generate.sh").toString()));
        command.addAll(List.of(args));
        return run(pki, command);
    }

    private static Run run(Path dir, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Every file under {@code root} by relative path, with the SHA-256 of its bytes. */
    private static Map<String, String> files(Path root) throws IOException, NoSuchAlgorithmException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return files;
    }

    private static Map<String, String> withoutNewAndDatabase(Map<String, String> files) {
        Map<String, String> rest = new TreeMap<>(files);
        rest.keySet().removeIf(k -> k.startsWith(NEW + "/") || k.startsWith("ca/db/"));
        return rest;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
