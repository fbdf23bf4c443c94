package org.tsunagi.gateway.participants;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Jazzer fuzz test of the participant registry loader: whatever the YAML holds, loading ends in a registry or an
 * {@link InvalidParticipantsException} naming the problem, never another exception or error. The file sits where
 * the demo registry's relative certificate paths ({@code ../../keys-example/...}) resolve. Seeds and findings:
 * {@code src/test/resources/org/tsunagi/gateway/participants/ParticipantsFuzzTestInputs}.
 */
class ParticipantsFuzzTest {

    private static final Set<String> TYPES = Set.of("ReleaseNotice", "ProbationCaseUpdate", "InformationRequest",
            "InformationResponse", "SupportOutcome", "StatisticsReport", "Receipt");
    private static final Path FILE = registryFile();

    @FuzzTest(maxDuration = "10m")
    void load(byte[] yaml) throws IOException {
        Files.write(FILE, yaml);
        try {
            ParticipantRegistry.load(FILE, TYPES, purpose -> !purpose.isEmpty());
        } catch (InvalidParticipantsException refused) {
            // the expected outcome for almost every input
        }
    }

    private static Path registryFile() {
        try {
            Path root = Files.createTempDirectory("participants-fuzz");
            Files.createSymbolicLink(root.resolve("keys-example"), Path.of("../keys-example").toAbsolutePath());
            return Files.createDirectories(root.resolve("gateway/config")).resolve("participants.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
