package org.tsunagi.gateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Polling a remote SFTP server, played by the embedded server of another (remote) data directory. */
class RemoteSftpPollingTest {

    @TempDir
    Path dir;

    EmbeddedSftpServer remote;
    DefaultCamelContext camel;

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (remote != null) {
            remote.stop();
        }
    }

    ParticipantHomes remoteHomes() {
        return new ParticipantHomes(dir.resolve("remote"));
    }

    ParticipantHomes localHomes() {
        return new ParticipantHomes(dir.resolve("local"));
    }

    void poll(String knownHostsLine) throws Exception {
        remote = new EmbeddedSftpServer(new SftpProperties(true, 0, null, DataSize.ofMegabytes(1), Map.of()),
                EmbeddedSftpServerTest.REGISTRY, remoteHomes());
        remote.start();
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
                knownHostsLine.replace("PORT", String.valueOf(remote.port())) + "\n");
        Path key = dir.resolve("moj-stats-key");
        Files.copy(Path.of("../keys-example/moj-stats/sftp_ed25519"), key);
        localHomes().prepare("moj-stats");
        var settings = new SftpProperties.RemoteSftp("127.0.0.1", remote.port(), "moj-stats", key, knownHosts,
                "outbox", Duration.ofMillis(200));
        camel = new DefaultCamelContext();
        camel.addRoutes(new RemoteSftpPolling(Map.of("moj-stats", settings), localHomes(), 100));
        camel.start();
    }

    @Test
    void bringsCompleteSealedFilesIntoTheParticipantsLocalInboxAndRemovesThemRemotely() throws Exception {
        remoteHomes().prepare("moj-stats");
        Path sealed = Files.writeString(remoteHomes().outbox("moj-stats").resolve("report.p7m"), "sealed report");
        Path partial = Files.writeString(remoteHomes().outbox("moj-stats").resolve("report2.p7m.part"), "half");
        poll("");
        camel.stop();
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + remote.port() + " "
                + PublicKeyEntry.toString(remote.hostPublicKey()) + "\n");
        camel = new DefaultCamelContext();
        camel.addRoutes(new RemoteSftpPolling(Map.of("moj-stats", new SftpProperties.RemoteSftp("127.0.0.1",
                remote.port(), "moj-stats", dir.resolve("moj-stats-key"), knownHosts, "outbox",
                Duration.ofMillis(200))), localHomes(), 100));
        camel.start();

        Path local = localHomes().inbox("moj-stats").resolve("remote-report.p7m");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((!Files.exists(local) || Files.exists(sealed)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(local).hasContent("sealed report");
        assertThat(sealed).doesNotExist();
        assertThat(partial).exists();
        assertThat(localHomes().inbox("moj-stats").resolve("remote-report2.p7m.part")).doesNotExist();
    }

    @Test
    void takesNothingFromAServerWhoseHostKeyIsNotKnown() throws Exception {
        remoteHomes().prepare("moj-stats");
        Path sealed = Files.writeString(remoteHomes().outbox("moj-stats").resolve("report.p7m"), "sealed report");
        String otherKey = PublicKeyEntry.toString(KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256).getPublic());

        poll("[127.0.0.1]:PORT " + otherKey);
        Thread.sleep(3000);

        assertThat(sealed).exists();
        assertThat(localHomes().inbox("moj-stats")).isEmptyDirectory();
    }
}
