package org.tsunagi.routes.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tsunagi.schemas.MessageType;

/**
 * The exact copy every purpose produces of every message type that carries personal data (the schemas' samples,
 * which fill every body field), or the exact refusal. Golden files: src/test/resources/golden/<purpose>/<type>.xml
 * (or .refused). Regenerate after a deliberate policy change with {@code -Dgolden.update=true} and review the diff.
 */
class RedactionGoldenTest {

    static final List<MessageType> PERSONAL = List.of(MessageType.RELEASE_NOTICE, MessageType.PROBATION_CASE_UPDATE,
            MessageType.INFORMATION_REQUEST, MessageType.INFORMATION_RESPONSE, MessageType.SUPPORT_OUTCOME,
            MessageType.STATISTICS_REPORT);
    private static final Path GOLDEN = TestMessages.locate("routes/src/test/resources/golden");
    private static final Redactor REDACTOR = TestMessages.redactor();
    private static final PolicyCatalog CATALOG = PolicyCatalog.load(TestMessages.POLICIES);

    static Stream<Arguments> cases() {
        return Stream.of(Purpose.values()).flatMap(p -> PERSONAL.stream().map(t -> Arguments.of(p, t)));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("cases")
    void everyPurposeGivesExactlyTheGoldenCopyOfEveryMessageType(Purpose purpose, MessageType type) throws IOException {
        DisclosurePolicy policy = CATALOG.policy(purpose).orElseThrow();
        // The first legal basis the policy accepts (consent last: the samples record consent where they can).
        LegalBasis basis = policy.legalBases().stream().sorted().filter(b -> b != LegalBasis.CONSENT).findFirst()
                .orElse(LegalBasis.CONSENT);
        String actual;
        String extension;
        try {
            RedactedMessage copy = REDACTOR.redact(TestMessages.sample(type),
                    new DisclosureRequest("231002", purpose.id(), basis.id()));
            TestMessages.assertValid(copy.xml());
            actual = new String(copy.xml(), StandardCharsets.UTF_8) + "\n<!-- disclosed:\n"
                    + String.join("\n", copy.disclosed().stream()
                    .map(f -> f.path() + " " + f.transform() + " " + f.resultPath()).toList()) + "\n-->\n";
            extension = ".xml";
        } catch (RedactionException e) {
            actual = e.reason() + "\n";
            extension = ".refused";
        }
        Path file = GOLDEN.resolve(purpose.id()).resolve(type.rootElement() + extension);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            for (String ext : List.of(".xml", ".refused")) {
                Files.deleteIfExists(GOLDEN.resolve(purpose.id()).resolve(type.rootElement() + ext));
            }
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file for %s / %s", purpose.id(), type.rootElement()).exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
