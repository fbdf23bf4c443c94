package org.tsunagi.gateway.sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Drives OpenSSH's real {@code sftp} and {@code ssh} clients in batch mode, as a participant's system would. */
public final class OpenSshClient {

    /** The outcome of one client run. */
    public record Run(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final Path privateKey;
    private final String user;
    private final int port;

    private OpenSshClient(Path privateKey, String user, int port) {
        this.privateKey = privateKey;
        this.user = user;
        this.port = port;
    }

    /**
     * A client logging in as {@code user} with the demo key of {@code keyOwner} (copied to {@code workDir} with
     * mode 600, since git does not keep file modes and ssh refuses readable keys).
     */
    public static OpenSshClient as(String user, String keyOwner, int port, Path workDir) throws IOException {
        Path key = workDir.resolve("key-" + keyOwner + "-" + System.nanoTime());
        Files.copy(Path.of("../keys-example", keyOwner, "sftp_ed25519"), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return new OpenSshClient(key, user, port);
    }

    /** Runs {@code sftp -b -} with these batch commands; a failing command makes the run fail. */
    public Run sftp(String... commands) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sftp", "-b", "-", "-i", privateKey.toString(), "-P",
                String.valueOf(port)));
        cmd.addAll(commonOptions());
        cmd.add(user + "@127.0.0.1");
        return run(cmd, String.join("\n", commands) + "\n");
    }

    /** Runs {@code ssh ... command}: a remote command, which the gateway must refuse. */
    public Run ssh(String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-i", privateKey.toString(), "-p", String.valueOf(port)));
        cmd.addAll(commonOptions());
        cmd.add(user + "@127.0.0.1");
        cmd.add(command);
        return run(cmd, "");
    }

    private static List<String> commonOptions() {
        return List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o",
                "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "PasswordAuthentication=no", "-o",
                "LogLevel=ERROR", "-o", "ConnectTimeout=10");
    }

    private static Run run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("client did not finish: " + cmd);
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
