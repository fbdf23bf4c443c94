package org.tsunagi.routes.redaction;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer fuzz test of the disclosure-policy loader: whatever a policy file holds, loading ends in a catalog or a
 * {@link PolicyException} naming the file and line, never another exception or error. Seeds and findings:
 * {@code src/test/resources/org/tsunagi/routes/redaction/PolicyFuzzTestInputs}.
 */
class PolicyFuzzTest {

    private static final Path DIR = temporaryDirectory();

    @FuzzTest(maxDuration = "10m")
    void load(byte[] yaml) throws IOException {
        Files.write(DIR.resolve("welfare-support.yaml"), yaml);
        try {
            PolicyCatalog.load(DIR);
        } catch (PolicyException refused) {
            // the expected outcome for almost every input
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("policy-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
