package org.tsunagi.gateway.pipeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.tsunagi.gateway.participants.Participant;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.envelope.EnvelopeException;
import org.tsunagi.routes.envelope.MessageOpener;
import org.tsunagi.routes.envelope.OpenedMessage;
import org.tsunagi.routes.envelope.ProcessingDeadline;
import org.tsunagi.routes.pipeline.Drop;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.Opened;

/**
 * Step "open": a file not named {@code *.p7m} is not a drop ({@code NOT_A_DROP}), an empty one is not a sealed
 * message ({@code MALFORMED_CMS}); otherwise decrypt with the gateway's key, verify the signature and validate the signer's certificate (chain,
 * validity, CRL), then identify the signer: its certificate must be the registered certificate of the participant
 * whose inbox the file was in.
 */
final class Opening {

    /** A file in an inbox that is not named as a drop ({@code *.p7m}) and was left there. */
    static final String NOT_A_DROP = "NOT_A_DROP";

    private final MessageOpener opener;
    private final ParticipantRegistry registry;
    private final IntakeProperties intake;
    private final Freshness freshness;
    private final Clock clock;

    Opening(MessageOpener opener, ParticipantRegistry registry, IntakeProperties intake, Clock clock) {
        this.opener = opener;
        this.registry = registry;
        this.intake = intake;
        this.freshness = new Freshness(intake, clock);
        this.clock = clock;
    }

    Opened open(Drop drop) {
        if (!Inboxes.isDropName(drop.fileName())) {
            throw new MessageRefused(MessageRefused.Stage.RECEIVE, NOT_A_DROP, "not named *.p7m and left unchanged "
                    + "in the inbox", null);
        }
        if (drop.content().length == 0) {
            throw new MessageRefused(MessageRefused.Stage.OPEN, "MALFORMED_CMS", "an empty file", null);
        }
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        OpenedMessage opened;
        // The deadline runs from now, not from when the file was found: a queue must not time drops out.
        Instant deadline = clock.instant().plus(intake.processingDeadline());
        try {
            opened = opener.open(new ByteArrayInputStream(drop.content()), xml,
                    new ProcessingDeadline(clock, deadline));
        } catch (EnvelopeException e) {
            throw new MessageRefused(MessageRefused.Stage.OPEN, e.reason().name(), e.getMessage(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        freshness.check(opened.signingTime()).ifPresent(code -> {
            throw new MessageRefused(MessageRefused.Stage.OPEN, code, "the signing time " + opened.signingTime()
                    + " is outside the accepted window", null);
        });
        X509Certificate signer = opened.signerCertificate();
        Optional<Participant> owner = registry.find(drop.participantId());
        if (owner.isPresent() && owner.get().holds(signer)) {
            return new Opened(drop, owner.get().id(), xml.toByteArray(), deadline);
        }
        boolean someoneElse = registry.all().stream().anyMatch(p -> p.holds(signer));
        throw new MessageRefused(MessageRefused.Stage.OPEN,
                someoneElse ? "SIGNER_NOT_INBOX_OWNER" : "SIGNER_NOT_REGISTERED",
                "signed by " + opened.signerSubject() + ", found in the inbox of " + drop.participantId(), null);
    }
}
