package org.tsunagi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every command that talks to the gateway takes the same options from {@link ParticipantOptions}, checked alike. */
class GatewayOptionsTest {

    private static final Path KEYS = CliRun.keys();

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void auditAndLedgerVerifyRefuseAGatewayThatIsNotHttps() {
        Run audit = tsunagi("audit", "--gateway", "http://127.0.0.1:9", "--participant", "auditor",
                "--key", KEYS.resolve("auditor/key.pem").toString());
        Run verify = tsunagi("ledger", "verify", "--gateway", "http://127.0.0.1:9",
                "--trust-key", KEYS.resolve("gateway/checkpoint-ed25519.pub.pem").toString());

        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(1);
        assertThat(audit.err()).contains("--gateway must be an https:// URL");
        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(1);
        assertThat(verify.err()).contains("--gateway must be an https:// URL");
    }

    @Test
    void auditTakesAKeystoreLikePollAndSubmit() {
        Run audit = tsunagi(Map.of(), "audit", "--gateway", "https://127.0.0.1:9", "--participant", "auditor",
                "--keystore", KEYS.resolve("auditor/none.p12").toString(), "--password-env", "AUDITOR_PASSWORD");

        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(2);
        assertThat(audit.err()).contains("environment variable AUDITOR_PASSWORD is not set")
                .doesNotContain("Unknown option");
    }

    @Test
    void aCommandThatTalksToTheGatewayNeedsItWhileTokenDoesNot() {
        Run audit = tsunagi("audit", "--participant", "auditor", "--key", KEYS.resolve("auditor/key.pem").toString());
        Run token = tsunagi("token", "--participant", "auditor", "--key", KEYS.resolve("auditor/key.pem").toString());

        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(2);
        assertThat(audit.err()).contains("--gateway URL is required");
        assertThat(token.exitCode()).as(token.err()).isZero();
        assertThat(token.out().strip().split("\\.")).hasSize(3);
    }

    private static Run tsunagi(String... args) {
        return tsunagi(Map.of(), args);
    }

    private static Run tsunagi(Map<String, String> environment, String... args) {
        CliRun run = CliRun.of(environment, args);
        return new Run(run.exitCode(), run.out(), run.err());
    }
}
