package org.tsunagi.gateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.CopyDataExtension;
import org.apache.sshd.sftp.client.extensions.CopyFileExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The SFTP subsystem allows exactly: write, rename and remove of drops in {@code inbox/}, read and remove in
 * {@code outbox/}, listing both. Every other operation, driven by OpenSSH's {@code sftp} and by MINA's SFTP client
 * (which speaks the extensions OpenSSH's client does not), is refused with a clear status, and the files are
 * unchanged afterwards.
 */
class SftpAllowListTest {

    private static final String USER = "facility-nagoya";

    @TempDir
    Path dir;

    private EmbeddedSftpServer server;
    private ParticipantHomes homes;
    private Map<Path, String> before;

    @BeforeEach
    void start() throws IOException {
        homes = new ParticipantHomes(dir.resolve("data"));
        EmbeddedSftpServerTest.REGISTRY.all().forEach(p -> homes.prepare(p.id()));
        server = new EmbeddedSftpServer(new SftpProperties(true, 0, null, DataSize.ofMegabytes(1), Map.of()),
                EmbeddedSftpServerTest.REGISTRY, homes);
        server.start();
        Files.writeString(homes.outbox(USER).resolve("receipt-1.p7m"), "the gateway's receipt");
        Files.writeString(homes.inbox(USER).resolve("mine.p7m"), "my drop");
        before = snapshot();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void openSshClientMayDoWhatItNeedsAndNothingElse() throws Exception {
        Path local = Files.writeString(dir.resolve("local.p7m"), "sealed");
        OpenSshClient client = OpenSshClient.as(USER, USER, server.port(), dir);

        List<String> refused = List.of(
                "put " + local + " outbox/x.p7m", "put " + local + " x.p7m", "put " + local + " inbox/notes.txt",
                "put " + local + " inbox/x.p7m.txt", "rename inbox/mine.p7m inbox/mine.txt",
                "rename inbox/mine.p7m outbox/mine.p7m", "rename outbox/receipt-1.p7m inbox/receipt-1.p7m",
                "mkdir inbox/sub", "mkdir sub", "rmdir outbox", "rm outbox", "symlink outbox/receipt-1.p7m inbox/l.p7m",
                "ln outbox/receipt-1.p7m inbox/l.p7m", "ln -s outbox/receipt-1.p7m inbox/l.p7m",
                "cp outbox/receipt-1.p7m inbox/copy.p7m", "cp inbox/mine.p7m outbox/copy.p7m",
                "cp outbox/receipt-1.p7m outbox/receipt-2.p7m", "chmod 777 outbox/receipt-1.p7m", "chmod 777 outbox",
                "chmod 777 .", "get inbox/mine.p7m " + dir.resolve("read-back"));
        for (String command : refused) {
            OpenSshClient.Run run = client.sftp(command);
            assertThat(run.succeeded()).as(command + ": " + run.output()).isFalse();
            assertThat(snapshot()).as("after " + command).isEqualTo(before);
        }
        assertThat(dir.resolve("read-back")).doesNotExist();

        OpenSshClient.Run notADrop = client.sftp("put " + local + " inbox/notes.txt");
        assertThat(notADrop.output()).containsIgnoringCase("permission denied");

        OpenSshClient.Run allowed = client.sftp("ls inbox", "ls outbox", "put " + local + " inbox/new.p7m.part",
                "rename inbox/new.p7m.part inbox/new.p7m", "get outbox/receipt-1.p7m " + dir.resolve("got"),
                "rm outbox/receipt-1.p7m", "rm inbox/mine.p7m");
        assertThat(allowed.succeeded()).as(allowed.output()).isTrue();
        assertThat(dir.resolve("got")).hasContent("the gateway's receipt");
        assertThat(homes.inbox(USER).resolve("new.p7m")).hasContent("sealed");
        assertThat(homes.outbox(USER).resolve("receipt-1.p7m")).doesNotExist();
    }

    @Test
    void minaClientExtensionsThatWriteAreRefused() throws Exception {
        try (SshClient ssh = SshClient.setUpDefaultClient()) {
            ssh.setKeyIdentityProvider(new FileKeyPairProvider(
                    Path.of("../keys-example", USER, "sftp_ed25519").toAbsolutePath()));
            ssh.start();
            try (ClientSession session = ssh.connect(USER, "127.0.0.1", server.port())
                    .verify(Duration.ofSeconds(10)).getSession()) {
                session.auth().verify(Duration.ofSeconds(10));
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    refused(() -> sftp.getExtension(CopyFileExtension.class)
                            .copyFile("/outbox/receipt-1.p7m", "/receipt-copy.p7m", false));
                    refused(() -> sftp.getExtension(CopyFileExtension.class)
                            .copyFile("/inbox/mine.p7m", "/outbox/receipt-1.p7m", true));
                    refused(() -> sftp.getExtension(CopyFileExtension.class)
                            .copyFile("/outbox", "/outbox2", false));
                    refused(() -> copyData(sftp));
                    refused(() -> sftp.link("/outbox/receipt-1.p7m", "/inbox/hard.p7m", false));
                    refused(() -> sftp.symLink("/inbox/sym.p7m", "/outbox/receipt-1.p7m"));
                    refused(() -> sftp.getExtension(OpenSSHPosixRenameExtension.class)
                            .posixRename("/inbox/mine.p7m", "/outbox/receipt-1.p7m"));
                    refused(() -> sftp.getExtension(OpenSSHPosixRenameExtension.class)
                            .posixRename("/inbox/mine.p7m", "/mine.p7m"));
                    refused(() -> sftp.getExtension(OpenSSHPosixRenameExtension.class)
                            .posixRename("/inbox/mine.p7m", "/inbox/mine.sh"));
                    refused(() -> sftp.mkdir("/inbox/sub"));
                    refused(() -> sftp.rmdir("/outbox"));
                    refused(() -> sftp.readLink("/outbox/receipt-1.p7m"));
                    refused(() -> sftp.setStat("/outbox/receipt-1.p7m", new SftpClient.Attributes().perms(0777)));
                    refused(() -> sftp.setStat("/", new SftpClient.Attributes().perms(0777)));
                    refused(() -> write(sftp, "/outbox/receipt-1.p7m"));
                    refused(() -> write(sftp, "/new.p7m"));
                    refused(() -> write(sftp, "/inbox/payload.exe"));
                    refused(() -> sftp.read("/inbox/mine.p7m").close());
                    assertThat(snapshot()).isEqualTo(before);

                    sftp.getExtension(OpenSSHPosixRenameExtension.class).posixRename("/inbox/mine.p7m",
                            "/inbox/renamed.p7m");
                    write(sftp, "/inbox/up.p7m.part");
                    assertThat(homes.inbox(USER).resolve("renamed.p7m")).hasContent("my drop");
                    assertThat(homes.inbox(USER).resolve("up.p7m.part")).hasContent("x");
                }
            }
        }
    }

    private interface Operation {
        void run() throws IOException;
    }

    private static void refused(Operation operation) {
        SftpException e = catchThrowableOfType(SftpException.class, operation::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getStatus()).isIn(SftpConstants.SSH_FX_PERMISSION_DENIED, SftpConstants.SSH_FX_OP_UNSUPPORTED);
        assertThat(e.getMessage()).isNotBlank();
    }

    private static void copyData(SftpClient sftp) throws IOException {
        try (SftpClient.CloseableHandle in = sftp.open("/outbox/receipt-1.p7m", SftpClient.OpenMode.Read);
             SftpClient.CloseableHandle out = sftp.open("/inbox/copied.p7m",
                     EnumSet.of(SftpClient.OpenMode.Write, SftpClient.OpenMode.Create))) {
            sftp.getExtension(CopyDataExtension.class).copyData(in, 0, 0, out, 0);
        }
    }

    private static void write(SftpClient sftp, String path) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write("x".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Every file and directory under the participant's home, with content and permissions; without the empty
     * {@code inbox/copied.p7m} that opening the target of copy-data (an allowed upload) creates.
     */
    private Map<Path, String> snapshot() throws IOException {
        Path home = homes.home(USER);
        try (Stream<Path> all = Files.walk(home)) {
            return all.filter(p -> !p.getFileName().toString().equals("copied.p7m"))
                    .collect(java.util.stream.Collectors.toMap(home::relativize, p -> {
                        try {
                            return Files.isDirectory(p) ? "dir " + Files.getPosixFilePermissions(p)
                                    : Files.readString(p) + " " + Files.getPosixFilePermissions(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
        }
    }
}
