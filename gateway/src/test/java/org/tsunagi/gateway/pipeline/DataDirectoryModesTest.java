package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.pipeline.Decision;

/**
 * Everything the gateway writes under its data directory is its user's alone, whatever the umask (this JVM's is the
 * usual 022, under which plain writes come out 0644): after drops accepted and refused over SFTP, an HTTPS
 * submission, a copy for an SFTP recipient and a signed checkpoint, every file under the data directory is 0600 and
 * every directory 0700 (receipts, copies, processed, quarantine and reasons, work area, database, host key,
 * remembered checkpoint).
 */
class DataDirectoryModesTest extends PipelineTestSupport {

    private static final Path DATA = Path.of("target/modes-" + UUID.randomUUID() + "/data");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("tsunagi.data-dir", () -> "./" + DATA);
        registry.add("tsunagi.ledger.checkpoint-every", () -> "1s");
    }

    @Test
    void everyFileIs0600AndEveryDirectory0700AfterAnEndToEndRun() throws Exception {
        StoredDecision accepted = fixture.drop("facility-nagoya",
                DemoParticipants.sealToGateway(DemoParticipants.sample("ReleaseNotice"), "facility-nagoya"));
        assertThat(accepted.verdict()).as(accepted.reasonCode()).isEqualTo(Decision.Verdict.ACCEPTED);
        StoredDecision refused = fixture.drop("facility-nagoya", "not-cms.p7m",
                "not a CMS file".getBytes(StandardCharsets.US_ASCII));
        assertThat(refused.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        // An information request to the facility, which takes delivery over SFTP: a copy in its outbox.
        StoredDecision request = fixture.drop("231002",
                DemoParticipants.sealToGateway(DemoParticipants.sample("InformationRequest"), "231002"));
        assertThat(request.verdict()).as(request.reasonCode()).isEqualTo(Decision.Verdict.ACCEPTED);
        awaitFile(homes.outbox("facility-nagoya"), name -> !name.startsWith("receipt-") && name.endsWith(".p7m"));
        submitOverHttps("231002",
                DemoParticipants.sealToGateway(DemoParticipants.sample("InformationRequest"), "231002"));
        awaitFile(homes.outbox("231002"), name -> name.startsWith("receipt-"));
        awaitFile(DATA.resolve("ledger"), name -> name.equals("checkpoint.note"));
        Thread.sleep(500);  // let the HTTPS submission finish moving to processed/

        List<String> wrong = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Files.walkFileTree(DATA, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                check(dir, "rwx------");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                files.add(DATA.relativize(file).toString());
                check(file, "rw-------");
                return FileVisitResult.CONTINUE;
            }

            private void check(Path path, String wanted) throws IOException {
                String actual = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                if (!actual.equals(wanted)) {
                    wrong.add(DATA.relativize(path) + " " + actual);
                }
            }
        });
        assertThat(files).anyMatch(f -> f.contains("outbox") && f.contains("receipt-"))
                .anyMatch(f -> f.contains("quarantine") && f.endsWith(".reason.json"))
                .anyMatch(f -> f.contains("processed"))
                .anyMatch(f -> f.startsWith("db"))
                .anyMatch(f -> f.equals("sftp-host-key"))
                .anyMatch(f -> f.equals("ledger/checkpoint.note"));
        assertThat(wrong).as("files and directories others could read").isEmpty();
    }

    private static void awaitFile(Path dir, java.util.function.Predicate<String> name) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    if (files.anyMatch(f -> name.test(f.getFileName().toString()))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing expected appeared in " + dir);
    }

    private void submitOverHttps(String participant, byte[] sealed) throws Exception {
        PrivateKey key = KeyMaterial.privateKey(DemoParticipants.KEYS.resolve(participant + "/key.pem"));
        JWSSigner signer = key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(key instanceof ECPrivateKey ? JWSAlgorithm.ES256
                : JWSAlgorithm.PS256), new JWTClaimsSet.Builder().issuer(participant).audience("tsunagi-gateway")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(signer);
        HttpResponse<String> response = DemoParticipants.https().send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/messages"))
                        .header("Authorization", "Bearer " + jwt.serialize())
                        .header("Content-Type", "application/pkcs7-mime")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(sealed)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
