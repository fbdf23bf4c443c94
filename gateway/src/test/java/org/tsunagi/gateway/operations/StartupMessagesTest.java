package org.tsunagi.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.tsunagi.gateway.TsunagiGateway;

/** A typo in participants.yaml: one clear line naming the file and the line, no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class StartupMessagesTest {

    @TempDir
    Path dir;

    @Test
    void aTypoInTheRegistryIsOneLineWithFileAndLine(CapturedOutput output) throws Exception {
        String good = Files.readString(Path.of("config/participants.yaml"));
        assertThat(good).contains("  - id: ");
        Path bad = Files.writeString(dir.resolve("participants.yaml"),
                good.replaceFirst("\n(\\s+)name: ", "\n$1nmae: "));

        assertThatThrownBy(() -> SpringApplication.run(TsunagiGateway.class, "--tsunagi.participants.file=" + bad,
                "--tsunagi.data-dir=" + dir.resolve("data"), "--server.port=0", "--management.server.port=0",
                "--tsunagi.sftp.port=0"));

        assertThat(output.getAll()).containsPattern(bad + ": .*'name'.* at line \\d+")
                .doesNotContain("\tat org.springframework.beans")
                .doesNotContain("Caused by:")
                .doesNotContain("UnsatisfiedDependencyException");
    }
}
