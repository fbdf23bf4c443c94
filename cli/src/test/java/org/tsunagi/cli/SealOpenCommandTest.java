package org.tsunagi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.KeyMaterial;


/** {@code tsunagi seal} and {@code tsunagi open}, run in-process exactly as documented. */
class SealOpenCommandTest {

    private static final Path KEYS = locateKeys();
    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Message xmlns=\"urn:tsunagi:message:1\"><Body>帰住予定地 名古屋市</Body></Message>\n";

    @TempDir
    Path dir;

    private Path message;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void writeMessage() throws Exception {
        message = Files.writeString(dir.resolve("msg.xml"), XML);
    }

    @Test
    void sealThenOpenWithPemFilesAsDocumented() {
        Run seal = tsunagi("seal", "--in", message.toString(), "--out", path("msg.p7m"),
                "--sign-cert", key("facility-nagoya/cert.pem"), "--sign-key", key("facility-nagoya/key.pem"),
                "--recipient-cert", key("gateway/encryption-cert.pem"));
        assertThat(seal.exitCode()).as(seal.err()).isZero();

        Run open = tsunagi("open", "--in", path("msg.p7m"), "--out", path("opened.xml"),
                "--cert", key("gateway/encryption-cert.pem"), "--key", key("gateway/encryption-key.pem"),
                "--trust", key("ca/cert.pem"));
        assertThat(open.exitCode()).as(open.err()).isZero();
        assertThat(open.out().strip()).isEqualTo("CN=facility-nagoya,O=Tsunagi DEMO,C=JP");
        assertThat(read("opened.xml")).isEqualTo(XML);
    }

    @Test
    void ecKeysAndExplicitCrl() {
        Run seal = tsunagi("seal", "--in", message.toString(), "--out", path("msg.p7m"),
                "--sign-cert", key("gateway/signing-cert.pem"), "--sign-key", key("gateway/signing-key.pem"),
                "--recipient-cert", key("231002/cert.pem"));
        assertThat(seal.exitCode()).as(seal.err()).isZero();
        Run open = tsunagi("open", "--in", path("msg.p7m"), "--out", path("opened.xml"),
                "--cert", key("231002/cert.pem"), "--key", key("231002/key.pem"),
                "--trust", key("ca/cert.pem"), "--crl", key("ca/crl.der"));
        assertThat(open.exitCode()).as(open.err()).isZero();
        assertThat(open.out()).contains("CN=tsunagi-gateway");
        assertThat(read("opened.xml")).isEqualTo(XML);
    }

    @Test
    void pkcs12KeystoresWithThePasswordFromTheEnvironment() throws Exception {
        Path signer = pkcs12("facility-nagoya/cert.pem", "facility-nagoya/key.pem", "signer.p12", "s3cret");
        Path recipient = pkcs12("gateway/encryption-cert.pem", "gateway/encryption-key.pem", "gateway.p12", "g4te");
        Map<String, String> env = Map.of("SIGNER_PASSWORD", "s3cret", "GATEWAY_PASSWORD", "g4te");

        Run seal = tsunagi(env, "seal", "--in", message.toString(), "--out", path("msg.p7m"),
                "--keystore", signer.toString(), "--password-env", "SIGNER_PASSWORD",
                "--recipient-cert", key("gateway/encryption-cert.pem"));
        assertThat(seal.exitCode()).as(seal.err()).isZero();
        Run open = tsunagi(env, "open", "--in", path("msg.p7m"), "--out", path("opened.xml"),
                "--keystore", recipient.toString(), "--password-env", "GATEWAY_PASSWORD", "--trust", key("ca/cert.pem"));
        assertThat(open.exitCode()).as(open.err()).isZero();
        assertThat(read("opened.xml")).isEqualTo(XML);

        Run wrongPassword = tsunagi(Map.of("GATEWAY_PASSWORD", "nope"), "open", "--in", path("msg.p7m"),
                "--out", path("again.xml"), "--keystore", recipient.toString(), "--password-env", "GATEWAY_PASSWORD",
                "--trust", key("ca/cert.pem"));
        assertOneLineFailure(wrongPassword, 1, "password");
        assertThat(dir.resolve("again.xml")).doesNotExist();
    }

    @Test
    void refusalsAreOneLineWithTheReasonCodeAndWriteNothing() {
        tsunagi("seal", "--in", message.toString(), "--out", path("for-nagoya.p7m"),
                "--sign-cert", key("facility-nagoya/cert.pem"), "--sign-key", key("facility-nagoya/key.pem"),
                "--recipient-cert", key("231002/cert.pem"));
        Run wrongRecipient = tsunagi("open", "--in", path("for-nagoya.p7m"), "--out", path("x.xml"),
                "--cert", key("gateway/encryption-cert.pem"), "--key", key("gateway/encryption-key.pem"),
                "--trust", key("ca/cert.pem"));
        assertOneLineFailure(wrongRecipient, 1, "NOT_FOR_THIS_RECIPIENT");
        assertThat(dir.resolve("x.xml")).doesNotExist();

        tsunagi("seal", "--in", message.toString(), "--out", path("revoked.p7m"),
                "--sign-cert", key("test/revoked/cert.pem"), "--sign-key", key("test/revoked/key.pem"),
                "--recipient-cert", key("gateway/encryption-cert.pem"));
        Run revoked = tsunagi("open", "--in", path("revoked.p7m"), "--out", path("x.xml"),
                "--cert", key("gateway/encryption-cert.pem"), "--key", key("gateway/encryption-key.pem"),
                "--trust", key("ca/cert.pem"));
        assertOneLineFailure(revoked, 1, "CERTIFICATE_REVOKED");
        assertThat(dir.resolve("x.xml")).doesNotExist();

        Run missingFile = tsunagi("seal", "--in", path("nowhere.xml"), "--out", path("y.p7m"),
                "--sign-cert", key("facility-nagoya/cert.pem"), "--sign-key", key("facility-nagoya/key.pem"),
                "--recipient-cert", key("gateway/encryption-cert.pem"));
        assertOneLineFailure(missingFile, 1, "nowhere.xml");
        assertThat(dir.resolve("y.p7m")).doesNotExist();

        Run mismatchedKey = tsunagi("seal", "--in", message.toString(), "--out", path("y.p7m"),
                "--sign-cert", key("facility-nagoya/cert.pem"), "--sign-key", key("230006/key.pem"),
                "--recipient-cert", key("gateway/encryption-cert.pem"));
        assertOneLineFailure(mismatchedKey, 1, "does not belong");
    }

    @Test
    void wrongOptionsAreOneLineAndExitTwo() {
        Run missing = tsunagi("seal", "--out", path("y.p7m"));
        assertOneLineFailure(missing, 2, "Missing required option");
        Run neither = tsunagi("open", "--in", path("a"), "--out", path("b"), "--trust", key("ca/cert.pem"));
        assertOneLineFailure(neither, 2, "--keystore");
    }

    @Test
    void helpOnEveryCommand() {
        for (String command : List.of("seal", "open")) {
            Run help = tsunagi(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: tsunagi " + command).contains("--in").contains("--out");
        }
        assertThat(tsunagi("seal", "--help").out()).contains("--sign-cert", "--sign-key", "--recipient-cert",
                "--keystore", "--password-env");
        assertThat(tsunagi("open", "--help").out()).contains("--cert", "--key", "--trust", "--crl");
    }

    @Test
    void openSslOpensWhatTheCliSeals() throws Exception {
        Run seal = tsunagi("seal", "--in", message.toString(), "--out", path("msg.p7m"),
                "--sign-cert", key("probation-nagoya/cert.pem"), "--sign-key", key("probation-nagoya/key.pem"),
                "--recipient-cert", key("231002/cert.pem"));
        assertThat(seal.exitCode()).as(seal.err()).isZero();
        openssl("cms", "-decrypt", "-binary", "-inform", "DER", "-in", path("msg.p7m"),
                "-recip", key("231002/cert.pem"), "-inkey", key("231002/key.pem"), "-out", path("signed.p7m"));
        openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", path("signed.p7m"),
                "-CAfile", key("ca/cert.pem"), "-out", path("verified.xml"));
        assertThat(read("verified.xml")).isEqualTo(XML);
    }

    // --- helpers

    private Run tsunagi(String... args) {
        return tsunagi(Map.of(), args);
    }

    private Run tsunagi(Map<String, String> environment, String... args) {
        CliRun run = CliRun.of(environment, args);
        return new Run(run.exitCode(), run.out(), run.err());
    }

    private static void assertOneLineFailure(Run run, int exitCode, String contains) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.err().strip()).contains(contains).doesNotContain("\n");
        assertThat(run.err()).startsWith("tsunagi ");
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String key(String relative) {
        return KEYS.resolve(relative).toString();
    }

    private Path pkcs12(String cert, String key, String name, String password) throws Exception {
        Credentials credentials = KeyMaterial.credentials(KEYS.resolve(cert), KEYS.resolve(key));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("participant", credentials.privateKey(), password.toCharArray(),
                new Certificate[] {credentials.certificate(), KeyMaterial.certificate(KEYS.resolve("ca/cert.pem"))});
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Path locateKeys() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("keys-example/ca"))) {
                return d.resolve("keys-example");
            }
        }
        throw new IllegalStateException("keys-example/ not found");
    }
}
