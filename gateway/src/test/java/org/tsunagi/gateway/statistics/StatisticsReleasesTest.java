package org.tsunagi.gateway.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tsunagi.gateway.ledger.TestDatabases;
import org.tsunagi.routes.redaction.ReleasedCell;
import org.tsunagi.routes.redaction.StatisticsHistory;
import org.tsunagi.schemas.codec.MessageCodec;

/**
 * The statistics memory on both databases, and what a copy is checked against: the recipient's own releases, or with
 * a group, every member's releases and the copies of the same report already made for members.
 */
class StatisticsReleasesTest {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final String OTSU = "252018";
    private static final String KUSATSU = "252026";

    private final MessageCodec codec = new MessageCodec();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCopyIsCheckedAgainstWhatItsRecipientAndItsGroupHold(String vendor) throws Exception {
        DataSource db = vendor.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
        JdbcStatisticsMemory memory = new JdbcStatisticsMemory(JdbcClient.create(db));
        StatisticsReleases alone = new StatisticsReleases(memory, new StatisticsProperties(10, Map.of()), codec);
        StatisticsReleases grouped = new StatisticsReleases(memory, new StatisticsProperties(10,
                Map.of("shiga", List.of(OTSU, KUSATSU))), codec);
        byte[] report = sample();
        byte[] copy = new String(report, StandardCharsets.UTF_8).replace(
                "<Count>1</Count>", "<Suppressed>SMALL_CELL</Suppressed>").getBytes(StandardCharsets.UTF_8);
        String first = "773cafdf-5d4b-4825-9baf-4074a3e9d109";

        grouped.remember(report, "moj-stats", first, OTSU, copy, T0);
        assertThat(memory.count(OTSU)).as("every cell of every table of the copy").isEqualTo(27);

        StatisticsHistory own = alone.history(report, "moj-stats", "m2", OTSU, List.of());
        assertThat(own.cells()).hasSize((int) memory.count(OTSU));
        ReleasedCell hidden = own.cells().stream().filter(c -> !c.published()).findFirst().orElseThrow();
        assertThat(hidden.value()).as("a suppressed cell is remembered with its true value").isEqualTo(1L);
        assertThat(hidden.table()).isEqualTo(first + "/2/MUNI-SEX-2023");

        assertThat(alone.history(report, "moj-stats", "m2", KUSATSU, List.of()).cells()).isEmpty();
        assertThat(grouped.history(report, "moj-stats", "m2", KUSATSU, List.of()).cells())
                .containsExactlyInAnyOrderElementsOf(own.cells());
        assertThat(grouped.history(report, "other-sender", "m2", KUSATSU, List.of()).cells()).isEmpty();
        assertThat(grouped.history(new String(report, StandardCharsets.UTF_8).replace("2023-12-31", "2024-12-31")
                .getBytes(StandardCharsets.UTF_8), "moj-stats", "m2", KUSATSU, List.of()).cells())
                .as("another reference period starts empty").isEmpty();

        // A copy of the same report made moments ago for a group member counts too; for others it does not.
        byte[] other = new String(report, StandardCharsets.UTF_8).replace("2023-12-31", "2022-12-31")
                .getBytes(StandardCharsets.UTF_8);
        List<StatisticsReleases.Copy> earlier = List.of(new StatisticsReleases.Copy(OTSU, copy));
        assertThat(grouped.history(other, "moj-stats", "m3", KUSATSU, earlier).cells()).hasSize(own.cells().size());
        assertThat(alone.history(other, "moj-stats", "m3", KUSATSU, earlier).cells()).isEmpty();
    }

    private static byte[] sample() throws Exception {
        try (var in = StatisticsReleasesTest.class.getResourceAsStream("/samples/StatisticsReport.xml")) {
            return in.readAllBytes();
        }
    }
}
