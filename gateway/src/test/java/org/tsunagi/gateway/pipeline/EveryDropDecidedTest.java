package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsunagi.gateway.sftp.OpenSshClient;
import org.tsunagi.routes.pipeline.Decision;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.pipeline.RedactedCopy;
import org.tsunagi.routes.routing.Disclosure;
import org.w3c.dom.Document;

/**
 * Every regular file left in an inbox is decided, whatever its name, size or fate in the pipeline: nothing is lost
 * when a sender renames a second file onto the name of one being processed, a step that throws an {@code Error}
 * is retried and then refused with {@code INTERNAL_ERROR}, and other senders' messages keep flowing meanwhile.
 */
class EveryDropDecidedTest extends PipelineTestSupport {

    static final String DATA = "./target/every-drop-test-" + UUID.randomUUID();

    @DynamicPropertySource
    static void quickPolicy(DynamicPropertyRegistry registry) {
        // Its own files: the other pipeline test classes' gateway (another context in this JVM) must not take them.
        registry.add("tsunagi.data-dir", () -> DATA);
        registry.add("tsunagi.pipeline.poll-delay", () -> "100ms");
        registry.add("tsunagi.pipeline.min-file-age", () -> "200ms");
        registry.add("tsunagi.pipeline.abandoned-upload-age", () -> "5s");
        registry.add("tsunagi.pipeline.max-attempts", () -> "3");
        registry.add("tsunagi.pipeline.retry-backoff", () -> "100ms");
        registry.add("tsunagi.pipeline.workers", () -> "2");
        registry.add("tsunagi.intake.processing-deadline", () -> "4s");
    }

    /** The real copy maker, except that it overflows its stack on the messages named poisonous. */
    @TestConfiguration
    static class Poison {
        final Set<String> messageIds = ConcurrentHashMap.newKeySet();
        final Set<String> slow = ConcurrentHashMap.newKeySet();
        final AtomicInteger attempts = new AtomicInteger();

        @Bean
        @Primary
        Redacting.CopyMaker poisonedCopies(@Qualifier("redactionCopies") Redacting.CopyMaker real) {
            return new Redacting.CopyMaker() {
                @Override
                public Document parse(ReadMessage message) {
                    if (messageIds.contains(message.facts().messageId())) {
                        attempts.incrementAndGet();
                        throw new StackOverflowError();
                    }
                    if (slow.contains(message.facts().messageId())) {
                        try {
                            Thread.sleep(5_000); // past the 4 s processing deadline
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return real.parse(message);
                }

                @Override
                public RedactedCopy redact(ReadMessage message, Document document, Disclosure disclosure,
                                           List<RedactedCopy> earlier) {
                    return real.redact(message, document, disclosure, earlier);
                }
            };
        }
    }

    @Autowired
    Poison poison;
    @Autowired
    MeterRegistry meters;
    @Autowired
    PipelineHealth health;

    @TempDir
    Path local;

    StoredDecision aValidRequestFromAnotherSender() throws Exception {
        StoredDecision decision = fixture.drop("231002", DemoParticipants.sealToGateway(
                DemoParticipants.sample("InformationRequest"), "231002"));
        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        return decision;
    }

    @Test
    void aDropNotDecidedWithinTheProcessingDeadlineIsRefusedAtTheNextStepWhileOthersFlow() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice");
        String messageId = DemoParticipants.messageId(notice);
        poison.slow.add(messageId);
        byte[] sealed = DemoParticipants.sealToGateway(notice, "facility-nagoya");
        String name = "slow-" + UUID.randomUUID() + ".p7m";
        Files.write(homes.inbox("facility-nagoya").resolve(name), sealed);

        aValidRequestFromAnotherSender();
        StoredDecision decision = fixture.await("facility-nagoya", name, sealed);

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(decision.reasonCode()).isEqualTo("PROCESSING_TIMEOUT");
        assertThat(fixture.quarantined(decision)).hasBinaryContent(sealed);
        assertThat(fixture.reason(decision)).containsEntry("reasonCode", "PROCESSING_TIMEOUT");
        assertThat(DemoParticipants.open(fixture.receipt(decision), "facility-nagoya"))
                .contains("<Outcome>REJECTED</Outcome>", "<ReasonCode>PROCESSING_TIMEOUT</ReasonCode>");
        assertThat(fixture.ledger(decision.contentSha256())).extracting(e -> e.get("event") + " " + e.get("reason"))
                .containsExactly("QUARANTINED PROCESSING_TIMEOUT");
        assertThat(fixture.ledger(messageId)).as("nothing disclosed").extracting(e -> e.get("event"))
                .containsExactly("QUARANTINED");
    }

    @Test
    void aStepThatOverflowsItsStackIsRetriedThenRefusedAsInternalErrorWhileOthersFlow() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice");
        String messageId = DemoParticipants.messageId(notice);
        poison.messageIds.add(messageId);
        byte[] sealed = DemoParticipants.sealToGateway(notice, "facility-nagoya");
        String name = "poison-" + UUID.randomUUID() + ".p7m";
        Files.write(homes.inbox("facility-nagoya").resolve(name), sealed);

        aValidRequestFromAnotherSender();
        StoredDecision decision = fixture.await("facility-nagoya", name, sealed);

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(decision.reasonCode()).isEqualTo("INTERNAL_ERROR");
        assertThat(poison.attempts.get()).as("attempts = tsunagi.pipeline.max-attempts").isEqualTo(3);
        assertThat(fixture.quarantined(decision)).hasBinaryContent(sealed);
        assertThat(fixture.reason(decision)).containsEntry("reasonCode", "INTERNAL_ERROR");
        assertThat(DemoParticipants.open(fixture.receipt(decision), "facility-nagoya"))
                .contains("<Outcome>REJECTED</Outcome>", "<ReasonCode>INTERNAL_ERROR</ReasonCode>");
        assertThat(fixture.ledger(decision.contentSha256())).extracting(e -> e.get("event") + " " + e.get("reason"))
                .containsExactly("QUARANTINED INTERNAL_ERROR");
        assertThat(fixture.ledger(messageId)).as("nothing disclosed").isEmpty();
        assertThat(meters.counter("tsunagi.pipeline.errors", "step", "redact", "error", "StackOverflowError")
                .count()).isGreaterThanOrEqualTo(3);
        assertThat(meters.counter("tsunagi.pipeline.retries").count()).isGreaterThanOrEqualTo(2);
        assertThat(health.health().getDetails()).containsKey("lastFailedStep");

        Thread.sleep(500);
        assertThat(poison.attempts.get()).as("never tried again").isEqualTo(3);
    }

    @Test
    void deeplyNestedRecipientInfosAreDecidedAndDoNotStopIngestion() throws Exception {
        byte[] hostile = nestedRecipientInfos(40_000);

        StoredDecision decision = fixture.drop("probation-nagoya", hostile);
        aValidRequestFromAnotherSender();

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(decision.reasonCode()).isIn("MALFORMED_CMS", "INTERNAL_ERROR");
        assertThat(fixture.quarantined(decision)).hasBinaryContent(hostile);
    }

    @Test
    void emptyFilesAreRefusedAsMalformedAndHoldUpNobody() throws Exception {
        Path inbox = homes.inbox("probation-nagoya");
        homes.prepare("probation-nagoya");
        List<String> empties = List.of("empty-1.p7m", "empty-2.p7m", "empty-3.p7m");
        for (String empty : empties) {
            Path file = Files.write(inbox.resolve(empty), new byte[0]);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        }

        aValidRequestFromAnotherSender();

        for (String empty : empties) {
            StoredDecision decision = fixture.await("probation-nagoya", empty, new byte[0]);
            assertThat(decision.reasonCode()).isEqualTo("MALFORMED_CMS");
        }
    }

    @Test
    void validMessagesUnderDotFileLongNewlineAndUnicodeNamesAreDelivered() throws Exception {
        String longName = "a".repeat(240) + ".p7m";
        assertThat(longName.getBytes(StandardCharsets.UTF_8)).hasSize(244);
        for (String name : List.of(".hidden-" + UUID.randomUUID() + ".p7m", longName, "line\nbreak.p7m",
                "釈放予定 ✉ 通知.p7m")) {
            byte[] sealed = DemoParticipants.sealToGateway(DemoParticipants.sample("ReleaseNotice"),
                    "facility-nagoya");

            StoredDecision decision = fixture.drop("facility-nagoya", name, sealed);

            assertThat(decision.verdict()).as(decision.reasonCode()).isEqualTo(Decision.Verdict.ACCEPTED);
            assertThat(fixture.processed(decision)).hasBinaryContent(sealed);
            assertThat(homes.inbox("facility-nagoya").resolve(name)).doesNotExist();
        }
    }

    @Test
    void garbageUnderA244ByteNameIsQuarantinedWithItsReasonFile() throws Exception {
        String name = "b".repeat(240) + ".p7m";
        byte[] garbage = "not a sealed message".getBytes(StandardCharsets.UTF_8);

        StoredDecision decision = fixture.drop("facility-nagoya", name, garbage);

        assertThat(decision.reasonCode()).isEqualTo("MALFORMED_CMS");
        assertThat(fixture.quarantined(decision)).hasBinaryContent(garbage);
        assertThat(fixture.reason(decision)).containsEntry("file", name);
    }

    @Test
    void aFileNotNamedAsADropIsRefusedAsNotADropOnceLeftAlone() throws Exception {
        byte[] sealed = DemoParticipants.sealToGateway(DemoParticipants.sample("ReleaseNotice"), "facility-nagoya");

        StoredDecision decision = fixture.drop("facility-nagoya", "notice-" + UUID.randomUUID() + ".xml", sealed);

        assertThat(decision.reasonCode()).isEqualTo("NOT_A_DROP");
        assertThat(fixture.quarantined(decision)).hasBinaryContent(sealed);
        assertThat(DemoParticipants.open(fixture.receipt(decision), "facility-nagoya"))
                .contains("<ReasonCode>NOT_A_DROP</ReasonCode>");
        assertThat(fixture.ledger(decision.contentSha256())).extracting(e -> e.get("event"))
                .containsExactly("QUARANTINED");
    }

    /**
     * The lost-message bug: a sender renames a second file (OpenSSH {@code sftp rename}, a POSIX rename that
     * replaces) onto the name of a file the gateway has taken and is processing. Both are decided, and each file
     * kept is the one its decision names.
     */
    @Test
    void aMessageRenamedOntoTheNameOfADropBeingProcessedIsDecidedOnItsOwn() throws Exception {
        OpenSshClient facility = OpenSshClient.as("facility-nagoya", "facility-nagoya", sftp.port(), local);
        for (long delay : List.of(0L, 50L, 200L, 600L)) {
            String name = "race-" + delay + "-" + UUID.randomUUID() + ".p7m";
            byte[] first = DemoParticipants.sealToGateway(DemoParticipants.sample("ReleaseNotice"),
                    "facility-nagoya");
            byte[] second = DemoParticipants.sealToGateway(DemoParticipants.sample("ReleaseNotice"),
                    "facility-nagoya");
            Path firstFile = Files.write(local.resolve("first.p7m"), first);
            Path secondFile = Files.write(local.resolve("second.p7m"), second);
            // Both uploaded under temporary names of the documented convention (*.p7m.part), then renamed.
            String next = "next-" + name + ".part";
            OpenSshClient.Run upload = facility.sftp("cd inbox", "put " + firstFile + " " + name + ".part",
                    "put " + secondFile + " " + next, "rename " + name + ".part " + name);
            assertThat(upload.succeeded()).as(upload.output()).isTrue();
            Path inboxFile = homes.inbox("facility-nagoya").resolve(name);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (Files.exists(inboxFile) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(delay);

            OpenSshClient.Run rename = facility.sftp("cd inbox", "rename " + next + " " + name);

            assertThat(rename.succeeded()).as(rename.output()).isTrue();
            StoredDecision one = fixture.await("facility-nagoya", name, first);
            StoredDecision two = fixture.await("facility-nagoya", name, second);
            assertThat(List.of(one.verdict(), two.verdict())).as("delay " + delay)
                    .containsOnly(Decision.Verdict.ACCEPTED);
            assertThat(one.messageId()).isNotEqualTo(two.messageId());
            assertThat(fixture.processed(one)).hasBinaryContent(first);
            assertThat(fixture.processed(two)).hasBinaryContent(second);
            assertThat(fixture.receipt(one)).isNotEqualTo(fixture.receipt(two));
        }
    }

    /** A CMS EnvelopedData whose RecipientInfos hold {@code depth} nested indefinite-length SEQUENCEs. */
    static byte[] nestedRecipientInfos(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex("3080" + "06092a864886f70d010703" + "a080" + "3080" + "020100"
                + "3180"));
        for (int i = 0; i < depth; i++) {
            out.writeBytes(new byte[] {0x30, (byte) 0x80});
        }
        for (int i = 0; i < depth + 4; i++) {
            out.writeBytes(new byte[] {0, 0});
        }
        return out.toByteArray();
    }
}
