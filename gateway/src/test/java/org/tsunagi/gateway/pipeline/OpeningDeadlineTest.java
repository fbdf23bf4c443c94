package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageOpener;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;
import org.tsunagi.routes.pipeline.Drop;
import org.tsunagi.routes.pipeline.MessageRefused;

/** The open step under its processing deadline and freshness window, with a clock the test controls. */
class OpeningDeadlineTest {

    private static final ParticipantRegistry REGISTRY = ParticipantRegistry.load(Path.of("config/participants.yaml"),
            Set.of("ReleaseNotice", "ProbationCaseUpdate", "InformationRequest", "InformationResponse",
                    "SupportOutcome", "StatisticsReport", "Receipt"), purpose -> true);
    private static final IntakeProperties INTAKE = new IntakeProperties(Duration.ofSeconds(30), Duration.ofHours(24),
            Duration.ofMinutes(5));

    @Test
    void aDropStillBeingOpenedWhenTheDeadlinePassesIsRefusedWithProcessingTimeout() throws Exception {
        // every look at the clock is 10 s later: the deadline passes while the file is being read
        AtomicLong looks = new AtomicLong();
        Instant start = Instant.now();
        Clock slow = new Clock() {
            @Override
            public Instant instant() {
                return start.plusSeconds(10 * looks.getAndIncrement());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        MessageRefused refused = catchThrowableOfType(() -> opening(slow).open(drop()), MessageRefused.class);
        assertThat(refused.reasonCode()).isEqualTo("PROCESSING_TIMEOUT");
        assertThat(refused.stage()).isEqualTo(MessageRefused.Stage.OPEN);
    }

    @Test
    void theSigningTimeMustLieInTheWindowAroundTheGatewaysClock() throws Exception {
        Instant now = Instant.now();
        assertThat(opening(Clock.fixed(now, ZoneOffset.UTC)).open(drop()).signerId()).isEqualTo("facility-nagoya");
        MessageRefused ahead = catchThrowableOfType(() -> opening(Clock.fixed(now.minus(Duration.ofMinutes(6)),
                ZoneOffset.UTC)).open(drop()), MessageRefused.class);
        assertThat(ahead.reasonCode()).isEqualTo("FUTURE_DATED");
        MessageRefused stale = catchThrowableOfType(() -> opening(Clock.fixed(now.plus(Duration.ofHours(25)),
                ZoneOffset.UTC)).open(drop()), MessageRefused.class);
        assertThat(stale.reasonCode()).isEqualTo("STALE_MESSAGE");
    }

    private static Opening opening(Clock clock) throws Exception {
        Path keys = DemoParticipants.KEYS;
        MessageOpener opener = new MessageOpener(KeyMaterial.credentials(keys.resolve("gateway/encryption-cert.pem"),
                keys.resolve("gateway/encryption-key.pem")), new SignerValidator(SignerTrust.of(
                List.of(KeyMaterial.certificate(keys.resolve("ca/cert.pem"))), List.of(keys.resolve("ca/crl.pem")))));
        return new Opening(opener, REGISTRY, INTAKE, clock);
    }

    private static Drop drop() {
        byte[] sealed = DemoParticipants.sealToGateway(DemoParticipants.sample("ReleaseNotice"), "facility-nagoya");
        return Drop.of("facility-nagoya", "notice.p7m", sealed, Instant.now());
    }
}
