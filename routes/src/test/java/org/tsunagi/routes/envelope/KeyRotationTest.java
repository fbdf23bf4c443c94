package org.tsunagi.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * During a rotation of the gateway's encryption key, one opener holds the new key and the old one: a message sealed
 * to either opens with the key its recipient identifier names; a message sealed to a key it does not hold is still
 * refused as {@code NOT_FOR_THIS_RECIPIENT}, with nothing written.
 */
class KeyRotationTest {

    private static final byte[] XML = "<Message xmlns=\"urn:tsunagi:message:1\"><Header/></Message>"
            .getBytes(StandardCharsets.UTF_8);

    private final Credentials sender = DemoPki.credentials("facility-nagoya");
    private final Credentials old = DemoPki.gatewayEncryption();

    @Test
    void opensMessagesSealedToTheNewAndToThePreviousRsaKey() throws Exception {
        Credentials current = TestCertificates.issue("gateway encryption 2", "RSA", 3072, KeyUsage.keyEncipherment);
        MessageOpener opener = new MessageOpener(List.of(current, old), DemoPki.validator(), EnvelopeLimits.defaults());

        assertOpens(opener, new MessageSealer().seal(XML, sender, current.certificate()));
        assertOpens(opener, new MessageSealer().seal(XML, sender, old.certificate()));
    }

    @Test
    void opensMessagesSealedToEitherKeyWhenTheNewKeyIsEc() throws Exception {
        Credentials current = TestCertificates.issue("gateway encryption ec", "EC", 256, KeyUsage.keyAgreement);
        MessageOpener opener = new MessageOpener(List.of(current, old), DemoPki.validator(), EnvelopeLimits.defaults());

        assertOpens(opener, new MessageSealer().seal(XML, sender, current.certificate()));
        assertOpens(opener, new MessageSealer().seal(XML, sender, old.certificate()));
    }

    @Test
    void aMessageSealedToAKeyNotHeldIsRefusedAsBefore() throws Exception {
        Credentials current = TestCertificates.issue("gateway encryption 2", "RSA", 3072, KeyUsage.keyEncipherment);
        Credentials stranger = TestCertificates.issue("someone else", "RSA", 3072, KeyUsage.keyEncipherment);
        MessageOpener opener = new MessageOpener(List.of(current, old), DemoPki.validator(), EnvelopeLimits.defaults());
        byte[] sealed = new MessageSealer().seal(XML, sender, stranger.certificate());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EnvelopeException refusal = catchThrowableOfType(EnvelopeException.class,
                () -> opener.open(new ByteArrayInputStream(sealed), out));

        assertThat(refusal).isNotNull();
        assertThat(refusal.reason()).isEqualTo(EnvelopeException.Reason.NOT_FOR_THIS_RECIPIENT);
        assertThat(refusal.getMessage()).contains("gateway encryption 2").contains("1 previous key");
        assertThat(out.size()).isZero();
        // The stranger's own key opens it: the refusal is about the addressee, not a broken file.
        assertOpens(new MessageOpener(stranger, DemoPki.validator()), sealed);
    }

    @Test
    void anOpenerWithoutKeysIsRefusedAtConstruction() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new MessageOpener(List.of(), DemoPki.validator(), EnvelopeLimits.defaults()))).isNotNull();
    }

    private void assertOpens(MessageOpener opener, byte[] sealed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenedMessage opened = opener.open(new ByteArrayInputStream(sealed), out);
        assertThat(out.toByteArray()).isEqualTo(XML);
        assertThat(opened.signerCertificate()).isEqualTo(sender.certificate());
    }
}
