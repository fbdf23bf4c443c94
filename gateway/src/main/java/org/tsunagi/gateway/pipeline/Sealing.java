package org.tsunagi.gateway.pipeline;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tsunagi.gateway.participants.CurrentCertificates;
import org.tsunagi.gateway.participants.DeliveryForm;
import org.tsunagi.gateway.participants.Participant;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.EnvelopeException;
import org.tsunagi.routes.envelope.JoseEnvelope;
import org.tsunagi.routes.envelope.MessageSealer;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.Redacted;
import org.tsunagi.routes.pipeline.RedactedCopy;
import org.tsunagi.routes.pipeline.Sealed;
import org.tsunagi.routes.pipeline.SealedCopy;

/**
 * Step "seal": each redacted copy signed by the gateway and encrypted to its recipient, in the delivery form(s) the
 * recipient registered (CMS for SFTP and {@code application/pkcs7-mime}, JOSE for {@code application/jose}): a form
 * nobody will download is not paid for (a signature and an encryption per copy).
 */
final class Sealing {

    private final MessageSealer cms;
    private final JoseEnvelope jose;
    private final Credentials signing;
    private final ParticipantRegistry registry;
    private final CurrentCertificates certificates;

    Sealing(MessageSealer cms, JoseEnvelope jose, Credentials signing, ParticipantRegistry registry,
            CurrentCertificates certificates) {
        this.cms = cms;
        this.jose = jose;
        this.signing = signing;
        this.registry = registry;
        this.certificates = certificates;
    }

    Sealed seal(Redacted redacted) {
        List<SealedCopy> copies = new ArrayList<>();
        for (RedactedCopy copy : redacted.copies()) {
            String recipient = copy.disclosure().recipientId();
            Participant participant = registry.find(recipient).orElseThrow();
            // The newest valid certificate: during a renewal overlap, the renewed one.
            X509Certificate certificate = certificates.forEncryption(participant);
            DeliveryForm form = participant.deliveryForm();
            try {
                copies.add(new SealedCopy(copy, UUID.randomUUID(),
                        form.cms() ? cms.seal(copy.xml(), signing, certificate) : null,
                        form.jose() ? jose.seal(copy.xml(), signing, certificate) : null));
            } catch (EnvelopeException e) {
                throw new MessageRefused(MessageRefused.Stage.SEAL, e.reason().name(),
                        "cannot seal the copy for " + recipient + ": " + e.getMessage(),
                        redacted.routed().read().facts());
            }
        }
        return new Sealed(redacted, copies);
    }
}
