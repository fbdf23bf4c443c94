package org.tsunagi.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.tsunagi.gateway.ledger.TestDatabases;
import org.tsunagi.gateway.security.RevocationLists;
import org.tsunagi.routes.envelope.KeyMaterial;

/**
 * Health that tells the truth: readiness includes what the gateway needs to work (database rights, certificates),
 * liveness does not restart it for an outage; the certificate and database components turn DOWN for real causes.
 */
@AutoConfigureObservability
// Its own files and database: another test context of this JVM must not share the gateway's data directory.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tsunagi.data-dir=./target/operations-health-data")
class OperationsHealthTest {

    static final Path KEYS = Path.of("../keys-example").toAbsolutePath().normalize();

    @LocalManagementPort
    int managementPort;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void readinessCoversDatabaseRightsAndCertificatesLivenessOnlyTheProcess() throws Exception {
        JsonNode readiness = get("/actuator/health/readiness");
        assertThat(readiness.path("status").asText()).as(readiness.toString()).isEqualTo("UP");
        assertThat(readiness.path("components").has("databaseAccess")).as(readiness.toString()).isTrue();
        assertThat(readiness.path("components").has("certificates")).isTrue();
        assertThat(readiness.path("components").has("db")).isTrue();
        assertThat(readiness.at("/components/databaseAccess/details/tables").asInt()).isPositive();
        assertThat(readiness.at("/components/certificates/details/certificates").asInt()).isGreaterThan(5);

        JsonNode liveness = get("/actuator/health/liveness");
        assertThat(liveness.path("status").asText()).isEqualTo("UP");
        assertThat(liveness.path("components").has("db")).isFalse();
        assertThat(liveness.path("components").has("livenessState")).isTrue();
    }

    @Test
    void metricsCarryExpiryDaysAndANumericOutboxDepth() throws Exception {
        String metrics = text("/actuator/prometheus");
        assertThat(metrics).containsPattern("tsunagi_outbox_depth\\S* \\d+\\.\\d+")
                .doesNotContain("tsunagi_outbox_depth NaN")
                .contains("tsunagi_certificate_expiry_days{kind=\"participant\",name=\"231002\"}")
                .contains("tsunagi_certificate_expiry_days{kind=\"gateway\",name=\"signing\"}")
                .contains("tsunagi_crl_next_update_days{crl=\"crl.pem\"}");
    }

    @Test
    void anExpiredCertificateOrStaleCrlIsDownAndOneDueSoonIsListed() throws Exception {
        X509Certificate nagoya = KeyMaterial.certificates(KEYS.resolve("231002/cert.pem")).get(0);
        Instant notAfter = nagoya.getNotAfter().toInstant();
        List<CertificateExpiry.Watched> watched = List.of(new CertificateExpiry.Watched("participant", "231002", nagoya));

        CertificateExpiry tenDaysBefore = new CertificateExpiry(watched, List::of, Duration.ofDays(14),
                Clock.fixed(notAfter.minus(Duration.ofDays(10)), ZoneOffset.UTC), new SimpleMeterRegistry());
        Health soon = tenDaysBefore.health();
        assertThat(soon.getStatus()).isEqualTo(Status.UP);
        assertThat(soon.getDetails().get("due").toString()).contains("participant:231002=10.0");

        RevocationLists.SourceStatus crlPem = new RevocationLists.SourceStatus("crl.pem",
                nextUpdate(KEYS.resolve("ca/crl.pem")), null);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Clock dayAfter = Clock.fixed(notAfter.plusSeconds(86_400), ZoneOffset.UTC);
        CertificateExpiry participantExpired = new CertificateExpiry(watched, () -> List.of(crlPem),
                Duration.ofDays(14), dayAfter, meters);
        Health oneParticipant = participantExpired.health();
        assertThat(oneParticipant.getStatus()).as("one participant's lapse is not the gateway's").isEqualTo(Status.UP);
        assertThat(oneParticipant.getDetails().get("due").toString()).contains("participant:231002=-1.0");
        assertThat(meters.get("tsunagi.certificate.expiry.days").tag("name", "231002").gauge().value())
                .isBetween(-1.01, -0.99);

        CertificateExpiry gatewayExpired = new CertificateExpiry(
                List.of(new CertificateExpiry.Watched("gateway", "signing", nagoya)), List::of, Duration.ofDays(14),
                dayAfter, new SimpleMeterRegistry());
        assertThat(gatewayExpired.health().getStatus()).isEqualTo(Status.DOWN);

        CertificateExpiry unreadableCrl = new CertificateExpiry(List.of(), () -> List.of(
                new RevocationLists.SourceStatus("cert.pem", null, "not a PEM or DER CRL")),
                Duration.ofDays(14), Clock.systemUTC(), new SimpleMeterRegistry());
        Health crl = unreadableCrl.health();
        assertThat(crl.getStatus()).isEqualTo(Status.DOWN);
        assertThat(crl.getDetails().get("due").toString()).as(crl.toString()).contains("crl:cert.pem=-1000.0");
        assertThat(crl.getDetails().get("crlReloadErrors").toString()).contains("cert.pem=not a PEM or DER CRL");
    }

    private static Instant nextUpdate(Path crl) throws Exception {
        try (var in = java.nio.file.Files.newInputStream(crl)) {
            return ((java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCRL(in)).getNextUpdate().toInstant();
        }
    }

    /** The finding: a role without its grants, UP while every request failed. Real PostgreSQL rights. */
    @Test
    void aRoleWithoutRightsOnATableIsDownAndNamesTheTable() throws Exception {
        String url = TestDatabases.postgresUrl();
        try (Connection owner = DriverManager.getConnection(url, "postgres", "");
             Statement sql = owner.createStatement()) {
            sql.execute("CREATE TABLE token_replay (jti VARCHAR(64))");
            sql.execute("CREATE TABLE outbox_copy (id INT)");
            sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'health_probe') THEN "
                    + "CREATE ROLE health_probe LOGIN; END IF; END $$");
            sql.execute("GRANT SELECT ON outbox_copy TO health_probe");
        }
        PGSimpleDataSource runtime = new PGSimpleDataSource();
        runtime.setUrl(url);
        runtime.setUser("health_probe");
        Health health = new DatabaseAccess(runtime).health();
        assertThat(health.getStatus()).as(health.toString()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("refused").toString()).as(health.toString())
                .contains("token_replay", "42501").doesNotContain("outbox_copy");

        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setUrl(url);
        owner.setUser("postgres");
        assertThat(new DatabaseAccess(owner).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void theCliReloadsTheRegistryThroughTheManagementPort() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = org.tsunagi.cli.Tsunagi.commandLine(System::getenv);
        cli.setOut(new java.io.PrintWriter(out));
        int status = cli.execute("participants", "reload", "--management", "http://127.0.0.1:" + managementPort);
        assertThat(status).as(out.toString()).isZero();
        assertThat(out.toString()).contains("\"outcome\":\"reloaded\"").containsPattern("\"participants\":\\d+");
    }

    JsonNode get(String path) throws Exception {
        return json.readTree(text(path));
    }

    String text(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
