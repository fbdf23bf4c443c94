package org.tsunagi.gateway.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagi.gateway.ledger.TestDatabases;

/**
 * The README's five-minute walk-through, run as written: its {@code bash} blocks are extracted from README.md and run
 * by bash, with a HOME of their own (no ~/.ssh, no known_hosts), against the real gateway jar started from a copy of
 * the repository root (symbolic links to its files, a fresh {@code data/}). Only the three ports are replaced by free
 * ones. It runs twice, as a newcomer trying again would: the second run must not trip over the first one's files.
 */
class ReadmeWalkThroughIT {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    Process gateway;
    Path gatewayLog;
    int https;
    int sftp;
    int management;

    void startGateway(String... settings) throws Exception {
        Path root = Files.createDirectories(temp.resolve("tsunagi"));
        for (String entry : List.of("keys-example", "schemas", "cli", "gateway")) {
            Files.createSymbolicLink(root.resolve(entry), REPOSITORY.resolve(entry));
        }
        assertThat(REPOSITORY.resolve("cli/target/tsunagi")).as("the launcher, built by the cli module").isExecutable();
        https = freePort();
        sftp = freePort();
        management = freePort();
        gatewayLog = temp.resolve("gateway.log");
        // As the README's first command, only on free ports and loopback.
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar",
                "gateway/target/tsunagi-gateway.jar", "--server.port=" + https, "--server.address=127.0.0.1",
                "--management.server.port=" + management, "--tsunagi.sftp.port=" + sftp,
                "--tsunagi.sftp.bind-address=127.0.0.1"));
        command.addAll(List.of(settings));
        gateway = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(gatewayLog.toFile())
                .start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            assertThat(gateway.isAlive()).as("gateway running; log:\n%s", (Object) log()).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                        + "/actuator/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the gateway did not start:\n" + log());
    }

    @AfterEach
    void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(60, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    @Test
    void theWalkThroughRunsAsWrittenTwice() throws Exception {
        startGateway();
        String script = walkThrough();
        assertThat(script).contains("sftp -b", "tsunagi sftp-host-key", "curl", "tsunagi ledger verify");

        for (int run = 1; run <= 2; run++) {
            assertWalkedThrough(bash(script), run);
        }
        assertFingerprintPublished();
        // The start log says true things only: the key store in use, no "shutting down" while running.
        assertThat(log()).contains("HTTPS on port " + https + " with the certificate from key store "
                        + "file:keys-example/gateway/tls.p12, alias tls")
                .doesNotContain(".keystore").doesNotContain("shutting down");

        // The data directory is the gateway's alone (0700 from the start; the host key 0600).
        Path data = temp.resolve("tsunagi/data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("sftp-host-key"))))
                .isEqualTo("rw-------");

        // The Docker image's HEALTHCHECK command, run as written (bash's /dev/tcp) against this gateway.
        String dockerfile = Files.readString(REPOSITORY.resolve("docker/Dockerfile"), StandardCharsets.UTF_8);
        Matcher check = Pattern.compile("(?m)^\\s*CMD (\\[.*\\])$").matcher(dockerfile);
        assertThat(check.find()).as("HEALTHCHECK in the Dockerfile").isTrue();
        List<String> exec = List.of(new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(check.group(1), String[].class));
        assertThat(exec.subList(0, 2)).containsExactly("bash", "-c");
        String command = exec.get(2).replace("/8081", "/" + management);
        Process probe = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        assertThat(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0)
                .as("healthcheck %s: %s", command, new String(probe.getInputStream().readAllBytes())).isTrue();
        Process wrongPort = new ProcessBuilder("bash", "-c", command.replace("/" + management, "/" + sftp))
                .redirectErrorStream(true).start();
        boolean refused = wrongPort.waitFor(30, TimeUnit.SECONDS) && wrongPort.exitValue() != 0;
        wrongPort.destroyForcibly();
        assertThat(refused).as("the healthcheck fails on what is not a 200").isTrue();
    }

    /**
     * Production's least privilege: on PostgreSQL, with the roles script run first, Flyway migrating as the owner
     * and the gateway connected as tsunagi_pipeline, the whole walk-through (SFTP drop, HTTPS download, ack, audit,
     * ledger verify) works; and that role cannot change or remove a ledger row, whatever the triggers do.
     */
    @Test
    void theWalkThroughRunsOnPostgresqlAsTheRuntimeRole() throws Exception {
        String url = TestDatabases.postgresUrl();
        try (Connection admin = DriverManager.getConnection(url, "postgres", "");
             Statement sql = admin.createStatement()) {
            sql.execute(Files.readString(Path.of("src/main/resources/db/roles/postgresql-roles.sql")));
        }
        startGateway("--spring.datasource.url=" + url, "--spring.datasource.username=tsunagi_pipeline",
                "--spring.datasource.password=change-me", "--spring.flyway.user=tsunagi_migrator",
                "--spring.flyway.password=change-me", "--spring.flyway.init-sqls=SET ROLE tsunagi_owner");

        assertWalkedThrough(bash(walkThrough()), 1);

        try (Connection admin = DriverManager.getConnection(url, "postgres", "");
             Statement sql = admin.createStatement();
             ResultSet owners = sql.executeQuery("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")) {
            List<String> all = new ArrayList<>();
            while (owners.next()) {
                all.add(owners.getString(1));
            }
            assertThat(all).as("every table belongs to the owner role").containsExactly("tsunagi_owner");
        }
        try (Connection runtime = DriverManager.getConnection(url, "tsunagi_pipeline", "change-me");
             Statement sql = runtime.createStatement()) {
            long entries = count(sql, "SELECT count(*) FROM ledger_entry");
            assertThat(entries).isPositive();
            for (String change : List.of("UPDATE ledger_entry SET entry_json = entry_json",
                    "DELETE FROM ledger_entry", "TRUNCATE ledger_entry", "DELETE FROM ledger_checkpoint",
                    "UPDATE ledger_node SET hash = hash", "UPDATE ledger_pending SET entry_json = entry_json",
                    "TRUNCATE ledger_pending", "TRUNCATE outbox_copy", "DROP TABLE token_replay",
                    "CREATE TABLE intruder (id int)")) {
                assertThatThrownBy(() -> sql.execute(change)).as(change)
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            // Refused by the role's rights, not only by the append-only triggers (also 42501).
                            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42501");
                            assertThat(e.getMessage()).containsPattern("permission denied|must be owner");
                        });
            }
            assertThat(count(sql, "SELECT count(*) FROM ledger_entry")).as("nothing removed").isEqualTo(entries);
        }
    }

    static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void assertWalkedThrough(String output, int run) {
        assertThat(output).as("run %d", run)
                .contains("ACCEPTED")                                 // step 3: the facility's receipt
                .contains("\"reasonCode\" : \"MALFORMED_CMS\"")         // step 4: the refusal
                .contains("DISCLOSED").contains("QUARANTINED")        // step 5: the audit
                .contains("{\"items\":[],\"next\":null}")             // step 6: Otsu sees nothing
                .contains("urn:tsunagi:problem:not-found")
                .containsPattern("\\D204\\n")                               // Nagoya's ack
                .contains("DELIVERED").contains("ACKNOWLEDGED")       // step 7
                .contains("ledger verified");
    }

    void assertFingerprintPublished() {
        // The fingerprint the CLI printed is the one the gateway logged.
        Matcher logged = Pattern.compile("fingerprint (SHA256:[A-Za-z0-9+/]+)").matcher(log());
        assertThat(logged.find()).as("fingerprint in the gateway log").isTrue();
        assertThat(lastStderr).contains(logged.group(1));
    }

    String lastStderr = "";

    /** The {@code bash} blocks of the walk-through section, with the default ports replaced by this test's. */
    String walkThrough() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Five-minute walk-through");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("walk-through section").isNotNegative();
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(start, end));
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(6);
        return String.join("\n", blocks)
                .replaceAll("\\b2222\\b", Integer.toString(sftp))
                .replaceAll("\\b8443\\b", Integer.toString(https))
                .replaceAll("\\b8081\\b", Integer.toString(management));
    }

    String bash(String script) throws Exception {
        Path home = Files.createTempDirectory(temp, "home");
        Path out = temp.resolve("walk-through.out");
        Path err = temp.resolve("walk-through.err");
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script)
                .directory(temp.resolve("tsunagi").toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("TMPDIR", temp.toString());
        Process process = builder.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        lastStderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(finished && process.exitValue() == 0)
                .as("walk-through exit status; stdout:\n%s\nstderr:\n%s\ngateway log:\n%s", output, lastStderr, log())
                .isTrue();
        return output;
    }

    String log() {
        try {
            return Files.readString(gatewayLog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
