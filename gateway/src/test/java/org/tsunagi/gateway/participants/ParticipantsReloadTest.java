package org.tsunagi.gateway.participants;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The registry follows its file without a restart, and a bad file changes nothing but one log line and a count. */
@ExtendWith(OutputCaptureExtension.class)
class ParticipantsReloadTest {

    static final Set<String> TYPES = ParticipantRegistryTest.TYPES;
    static final Set<String> PURPOSES = ParticipantRegistryTest.PURPOSES;

    @TempDir
    Path dir;

    @Test
    void aChangedFileIsReloadedAndABadOneKeepsTheRegistryInUse(CapturedOutput output) throws Exception {
        String keys = Path.of("../keys-example").toAbsolutePath().normalize().toString();
        String demo = Files.readString(Path.of("config/participants.yaml")).replace("../../keys-example", keys);
        Path file = Files.writeString(dir.resolve("participants.yaml"), demo);
        ParticipantRegistry registry = ParticipantRegistry.load(file, TYPES, PURPOSES::contains);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ParticipantsReload reload = new ParticipantsReload(registry, file, TYPES, PURPOSES::contains, Duration.ZERO,
                meters);
        assertThat(registry.find("252018")).isPresent();

        reload.checkForChange();
        assertThat(count(meters, "reloaded") + count(meters, "refused")).as("unchanged file: nothing done").isZero();

        // Otsu City leaves: its block removed.
        String withoutOtsu = demo.replaceAll("(?s)\n  - id: \"252018\".*?(?=\n  - id: |\\z)", "\n");
        assertThat(withoutOtsu).doesNotContain("252018");
        Files.writeString(file, withoutOtsu);
        reload.checkForChange();
        assertThat(registry.find("252018")).isEmpty();
        assertThat(registry.find("231002")).isPresent();
        assertThat(count(meters, "reloaded")).isEqualTo(1);

        // A typo: refused, the registry in use stays, one line names file and line.
        Files.writeString(file, withoutOtsu.replaceFirst("\n(\\s+)role: ", "\n$1rol: "));
        reload.checkForChange();
        reload.checkForChange();  // the same bad content is not retried (nor counted) again
        assertThat(count(meters, "refused")).isEqualTo(1);
        assertThat(registry.find("231002")).isPresent();
        assertThat(registry.all()).hasSize(ParticipantRegistry.load(Path.of("config/participants.yaml"), TYPES,
                PURPOSES::contains).all().size() - 1);
        assertThat(output.getAll()).containsPattern("NOT reloaded.*" + file + ".*rol.*line \\d+")
                .doesNotContain("\tat org.");

        // Fixed again, with Otsu back: reloaded.
        Files.writeString(file, demo);
        ParticipantsReload.Result result = reload.reload();
        assertThat(result.outcome()).isEqualTo("reloaded");
        assertThat(result.added()).containsExactly("252018");
        assertThat(registry.find("252018")).isPresent();
    }

    static double count(SimpleMeterRegistry meters, String outcome) {
        return meters.get("tsunagi.participants.reloads").tag("outcome", outcome).counter().count();
    }
}
