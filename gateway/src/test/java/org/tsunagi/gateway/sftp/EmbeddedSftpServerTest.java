package org.tsunagi.gateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.tsunagi.gateway.participants.ParticipantRegistry;

/** The embedded SFTP server, driven by OpenSSH's real client. */
class EmbeddedSftpServerTest {

    static final ParticipantRegistry REGISTRY = ParticipantRegistry.load(Path.of("config/participants.yaml"),
            Set.of("ReleaseNotice", "ProbationCaseUpdate", "InformationRequest", "InformationResponse",
                    "SupportOutcome", "StatisticsReport", "Receipt"), purpose -> true);

    @TempDir
    Path dir;

    EmbeddedSftpServer server;

    ParticipantHomes homes() {
        return new ParticipantHomes(dir.resolve("data"));
    }

    EmbeddedSftpServer start(DataSize maxFileSize) {
        REGISTRY.all().forEach(p -> homes().prepare(p.id()));
        server = new EmbeddedSftpServer(new SftpProperties(true, 0, null, maxFileSize, Map.of()), REGISTRY, homes());
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aParticipantUploadsUnderATemporaryNameAndRenamesIntoItsInbox() throws Exception {
        start(DataSize.ofMegabytes(1));
        Path local = Files.writeString(dir.resolve("notice.p7m"), "sealed bytes");
        OpenSshClient facility = OpenSshClient.as("facility-nagoya", "facility-nagoya", server.port(), dir);

        OpenSshClient.Run run = facility.sftp("cd inbox", "put " + local + " notice.p7m.part",
                "rename notice.p7m.part notice.p7m", "ls -1");

        assertThat(run.succeeded()).as(run.output()).isTrue();
        assertThat(homes().inbox("facility-nagoya").resolve("notice.p7m")).hasContent("sealed bytes");
        assertThat(homes().inbox("facility-nagoya").resolve("notice.p7m.part")).doesNotExist();
    }

    @Test
    void aParticipantReadsAndRemovesFromItsOutboxButCannotWriteThere() throws Exception {
        start(DataSize.ofMegabytes(1));
        Files.writeString(homes().outbox("231002").resolve("copy.p7m"), "a sealed copy");
        Path local = Files.writeString(dir.resolve("x.p7m"), "x");
        OpenSshClient nagoya = OpenSshClient.as("231002", "231002", server.port(), dir);

        OpenSshClient.Run get = nagoya.sftp("get outbox/copy.p7m " + dir.resolve("got.p7m"), "rm outbox/copy.p7m");
        assertThat(get.succeeded()).as(get.output()).isTrue();
        assertThat(dir.resolve("got.p7m")).hasContent("a sealed copy");
        assertThat(homes().outbox("231002").resolve("copy.p7m")).doesNotExist();

        OpenSshClient.Run put = nagoya.sftp("put " + local + " outbox/x.p7m");
        assertThat(put.succeeded()).isFalse();
        assertThat(put.output()).containsIgnoringCase("permission denied");
        assertThat(homes().outbox("231002").resolve("x.p7m")).doesNotExist();
    }

    @Test
    void aParticipantCannotLeaveItsHomeNorWriteOutsideItsInbox() throws Exception {
        start(DataSize.ofMegabytes(1));
        Files.writeString(homes().outbox("facility-nagoya").resolve("secret.p7m"), "facility's receipt");
        Path local = Files.writeString(dir.resolve("x.p7m"), "x");
        OpenSshClient nagoya = OpenSshClient.as("231002", "231002", server.port(), dir);

        for (String attempt : new String[] {"get ../facility-nagoya/outbox/secret.p7m " + dir.resolve("stolen"),
                "get /../../facility-nagoya/outbox/secret.p7m " + dir.resolve("stolen"),
                "put " + local + " ../facility-nagoya/inbox/x.p7m", "put " + local + " x.p7m",
                "mkdir inbox/sub", "symlink /outbox inbox/link", "rename inbox outbox/inbox", "get inbox"}) {
            OpenSshClient.Run run = nagoya.sftp(attempt);
            assertThat(run.succeeded()).as(attempt + ": " + run.output()).isFalse();
        }
        assertThat(dir.resolve("stolen")).doesNotExist();
        assertThat(homes().inbox("facility-nagoya")).isEmptyDirectory();
        assertThat(homes().home("231002").resolve("x.p7m")).doesNotExist();
        assertThat(homes().inbox("231002")).isEmptyDirectory();

        OpenSshClient.Run root = nagoya.sftp("cd ..", "cd ..", "ls -1");
        assertThat(root.output()).contains("inbox").contains("outbox").doesNotContain("facility-nagoya");
    }

    @Test
    void refusesAKeyNotRegisteredForTheUserAndAnyShellOrCommand() throws Exception {
        start(DataSize.ofMegabytes(1));

        OpenSshClient impostor = OpenSshClient.as("facility-nagoya", "231002", server.port(), dir);
        OpenSshClient.Run run = impostor.sftp("ls");
        assertThat(run.succeeded()).isFalse();
        assertThat(run.output()).containsIgnoringCase("permission denied");

        OpenSshClient.Run unknown = OpenSshClient.as("nobody", "231002", server.port(), dir).sftp("ls");
        assertThat(unknown.succeeded()).isFalse();

        OpenSshClient facility = OpenSshClient.as("facility-nagoya", "facility-nagoya", server.port(), dir);
        OpenSshClient.Run exec = facility.ssh("echo pwned > /tmp/x");
        assertThat(exec.succeeded()).isFalse();
        assertThat(exec.output()).doesNotContain("pwned");
    }

    @Test
    void refusesAFileLargerThanTheMaximumAndKeepsNothingOfIt() throws Exception {
        start(DataSize.ofKilobytes(64));
        Path big = Files.write(dir.resolve("big.p7m"), new byte[200 * 1024]);
        OpenSshClient facility = OpenSshClient.as("facility-nagoya", "facility-nagoya", server.port(), dir);

        OpenSshClient.Run run = facility.sftp("put " + big + " inbox/big.p7m.part");

        assertThat(run.succeeded()).as(run.output()).isFalse();
        Path partial = homes().inbox("facility-nagoya").resolve("big.p7m.part");
        assertThat(!Files.exists(partial) || Files.size(partial) <= 64 * 1024).isTrue();
    }

    @Test
    void keepsItsHostKeyAcrossRestarts() {
        String first = KeyUtils.getFingerPrint(start(DataSize.ofMegabytes(1)).hostPublicKey());
        server.stop();

        String second = KeyUtils.getFingerPrint(start(DataSize.ofMegabytes(1)).hostPublicKey());

        assertThat(second).isEqualTo(first);
        assertThat(homes().dataDir().resolve("sftp-host-key")).exists();
    }
}
