package org.tsunagi.routes.envelope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code openssl} binary (OpenSSL 3), as a vendor would. */
final class OpenSsl {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private OpenSsl() {
    }

    /** Runs {@code openssl args...} in {@code dir}; fails the test if it does not exit 0. */
    static Result ok(Path dir, String... args) throws IOException, InterruptedException {
        Result result = run(dir, args);
        if (result.exitCode() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed (" + result.exitCode() + "): "
                    + result.stderr());
        }
        return result;
    }

    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(".openssl-out").toFile())
                .redirectError(dir.resolve(".openssl-err").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl timed out: " + command);
        }
        return new Result(process.exitValue(),
                java.nio.file.Files.readString(dir.resolve(".openssl-out"), StandardCharsets.ISO_8859_1),
                java.nio.file.Files.readString(dir.resolve(".openssl-err"), StandardCharsets.ISO_8859_1));
    }
}
