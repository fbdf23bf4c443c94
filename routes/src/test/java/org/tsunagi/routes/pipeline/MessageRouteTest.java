package org.tsunagi.routes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagi.routes.routing.RoutingDecision;

/** The order of the story, the refusal path, recall after a crash, and files taken from participants' inboxes. */
class MessageRouteTest extends CamelTestSupport {

    @TempDir
    static Path root;

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile String refuseAt;
    volatile Throwable failAt;
    volatile Decision recalled;
    volatile boolean giveUp;
    volatile boolean refusalFails;

    final MessageSteps steps = new MessageSteps() {
        ReadMessage read;

        @Override public Optional<Decision> recall(Drop drop) {
            calls.add("recall " + drop.participantId() + "/" + drop.fileName());
            return Optional.ofNullable(recalled);
        }
        @Override public Opened open(Drop drop) {
            check("open");
            return new Opened(drop, drop.participantId(), drop.content());
        }
        @Override public ReadMessage read(Opened opened) {
            check("read");
            read = new ReadMessage(opened, new org.tsunagi.schemas.model.Receipt(),
                    org.tsunagi.schemas.MessageType.RECEIPT, MessageFacts.UNKNOWN);
            return read;
        }
        @Override public ReadMessage authorise(ReadMessage message) {
            check("authorise");
            return message;
        }
        @Override public Routed route(ReadMessage message) {
            check("route");
            return new Routed(message, new RoutingDecision(List.of(), List.of(), null));
        }
        @Override public Redacted redact(Routed routed) {
            check("redact");
            return new Redacted(routed, List.of());
        }
        @Override public Sealed seal(Redacted redacted) {
            check("seal");
            return new Sealed(redacted, List.of());
        }
        @Override public Decision commit(Sealed sealed) {
            check("commit");
            return new Decision(sealed.read().drop(), Decision.Verdict.ACCEPTED, null, "m-1");
        }
        @Override public Decision refuse(Drop drop, MessageRefused refusal) {
            calls.add("refuse " + refusal.reasonCode());
            if (refusalFails) {
                throw new IllegalStateException("the receipt cannot be made");
            }
            return new Decision(drop, Decision.Verdict.REFUSED, refusal.reasonCode(), null);
        }
        @Override public void finish(Decision decision) {
            calls.add("finish " + decision.verdict());
        }
        @Override public Optional<MessageRefused> failed(Drop drop, String step, Throwable failure) {
            calls.add("failed " + step + " " + failure.getClass().getSimpleName());
            return giveUp ? Optional.of(new MessageRefused(MessageRefused.Stage.COMMIT, "INTERNAL_ERROR", "test",
                    null)) : Optional.empty();
        }
        @Override public void abandon(Drop drop, Throwable failure) {
            calls.add("abandon " + drop.fileName());
        }

        private void check(String step) {
            calls.add(step);
            if (step.equals(refuseAt)) {
                throw new MessageRefused(MessageRefused.Stage.AUTHORISE, "FROM_NOT_SIGNER", "test", null);
            }
            if (failAt != null && step.equals("commit")) {
                sneaky(failAt);
            }
        }
    };

    @SuppressWarnings("unchecked")
    static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
        String files = "file:" + root.resolve("sftp") + "?recursive=true&maxDepth=3&antInclude=*/inbox/*.p7m"
                + "&noop=true&idempotent=false&delay=50&readLock=changed&readLockMinAge=100";
        return new RoutesBuilder[] {new MessageRoute("direct:in", steps, clock),
                new MessageRoute("files", files, steps, clock)};
    }

    void send(String participant, String file) {
        template.sendBodyAndHeaders("direct:in", "sealed".getBytes(), Map.of(MessageRoute.PARTICIPANT, participant,
                Exchange.FILE_NAME_ONLY, file));
    }

    @Test
    void anAcceptedMessageGoesThroughEveryStepInOrderThenFinishes() {
        send("facility-nagoya", "a.p7m");

        assertThat(calls).containsExactly("recall facility-nagoya/a.p7m", "open", "read", "authorise", "route",
                "redact", "seal", "commit", "finish ACCEPTED");
    }

    @Test
    void aRefusalSkipsTheRestAndFinishesAsRefused() {
        refuseAt = "authorise";

        send("facility-nagoya", "a.p7m");

        assertThat(calls).containsExactly("recall facility-nagoya/a.p7m", "open", "read", "authorise",
                "refuse FROM_NOT_SIGNER", "finish REFUSED");
    }

    @Test
    void aDropDecidedBeforeACrashIsOnlyFinished() {
        recalled = new Decision(Drop.of("facility-nagoya", "a.p7m", new byte[0], Instant.EPOCH),
                Decision.Verdict.ACCEPTED, null, "m-1");

        send("facility-nagoya", "a.p7m");

        assertThat(calls).containsExactly("recall facility-nagoya/a.p7m", "finish ACCEPTED");
    }

    @Test
    void anUnexpectedFailureNeitherRefusesNorFinishesButIsRecordedSoTheFileIsTriedAgainLater() {
        failAt = new IllegalStateException("database down");

        Exchange result = template.send("direct:in", e -> {
            e.getIn().setBody("sealed".getBytes());
            e.getIn().setHeader(MessageRoute.PARTICIPANT, "facility-nagoya");
            e.getIn().setHeader(Exchange.FILE_NAME_ONLY, "a.p7m");
        });

        assertThat(result.getException()).isNull();
        assertThat(calls).endsWith("commit", "failed commit IllegalStateException")
                .doesNotContain("finish ACCEPTED", "finish REFUSED").noneMatch(c -> c.startsWith("refuse"));
    }

    @Test
    void anErrorInAStepEndsOnlyThisAttemptAndTheNextDropGoesThrough() {
        failAt = new StackOverflowError();
        send("facility-nagoya", "deep.p7m");
        failAt = null;

        send("231002", "b.p7m");

        assertThat(calls).contains("failed commit StackOverflowError").endsWith("commit", "finish ACCEPTED");
    }

    @Test
    void pastTheAttemptCapAFailingDropIsRefusedTheNormalWay() {
        failAt = new OutOfMemoryError("test");
        giveUp = true;

        send("facility-nagoya", "a.p7m");

        assertThat(calls).endsWith("commit", "failed commit OutOfMemoryError", "refuse INTERNAL_ERROR",
                "finish REFUSED");
    }

    @Test
    void aRefusalWhoseReceiptFailsIsAFailureNotALoop() {
        refuseAt = "authorise";
        refusalFails = true;

        send("facility-nagoya", "a.p7m");

        assertThat(calls).endsWith("authorise", "refuse FROM_NOT_SIGNER", "failed refuse IllegalStateException");
    }

    @Test
    void whenEvenTheRefusalOfAGivenUpDropFailsItIsAbandonedToQuarantine() {
        failAt = new IllegalStateException("broken");
        giveUp = true;
        refusalFails = true;

        send("facility-nagoya", "a.p7m");

        assertThat(calls).endsWith("failed commit IllegalStateException", "refuse INTERNAL_ERROR", "abandon a.p7m");
    }

    @Test
    void takesOnlyCompleteSealedFilesFromInboxesAndNamesTheInboxOwner() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("sftp/231002/inbox"));
        Files.createDirectories(root.resolve("sftp/231002/outbox"));
        Files.write(inbox.resolve("upload.p7m.part"), new byte[] {1});
        Files.write(root.resolve("sftp/231002/outbox/copy.p7m"), new byte[] {2});
        Files.write(inbox.resolve("done.p7m"), new byte[] {3});

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!calls.contains("finish ACCEPTED") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(calls).contains("recall 231002/done.p7m", "finish ACCEPTED")
                .noneMatch(c -> c.contains("upload.p7m.part") || c.contains("copy.p7m"));
    }
}
