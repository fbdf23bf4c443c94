package org.tsunagi.gateway.participants;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registered party of the exchange.
 *
 * @param id           participant id: the SFTP user name, the JWT {@code iss}, the message {@code From}/{@code To};
 *                     for local governments, the 6-digit local government code
 * @param name         display name
 * @param role         what it is
 * @param certificates its signing and encryption certificates, as listed (several during a renewal overlap; which of
 *                     them are valid now is {@link CurrentCertificates}' to say)
 * @param sftpKeys     public keys accepted for its SFTP inbox
 * @param maySend      message types it may send
 * @param delivery     how it takes delivery of its copies
 * @param deliveryForm the sealed form(s) its copies are made in
 * @param agreements   what it may receive, for which purpose
 */
public record Participant(String id, String name, ParticipantRole role, List<X509Certificate> certificates,
                          List<PublicKey> sftpKeys, Set<String> maySend, DeliveryChannel delivery,
                          List<Agreement> agreements, DeliveryForm deliveryForm) {

    /** A participant with the default delivery form of its channel. */
    public Participant(String id, String name, ParticipantRole role, List<X509Certificate> certificates,
                       List<PublicKey> sftpKeys, Set<String> maySend, DeliveryChannel delivery,
                       List<Agreement> agreements) {
        this(id, name, role, certificates, sftpKeys, maySend, delivery, agreements, DeliveryForm.defaultFor(delivery));
    }

    public Participant {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("participant " + id + " has no certificate");
        }
        Objects.requireNonNull(deliveryForm, "deliveryForm");
        if (delivery == DeliveryChannel.SFTP && !deliveryForm.cms()) {
            throw new IllegalArgumentException("an SFTP recipient takes CMS files: delivery-form CMS or BOTH");
        }
        sftpKeys = List.copyOf(sftpKeys);
        maySend = Set.copyOf(maySend);
        agreements = List.copyOf(agreements);
    }

    /** Whether this is one of the participant's registered certificates (valid or not). */
    public boolean holds(X509Certificate certificate) {
        return certificates.contains(certificate);
    }

    /** The registered certificate that expires last: the one whose expiry needs watching. */
    public X509Certificate lastToExpire() {
        return certificates.stream().max(java.util.Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
    }

    public boolean maySend(String messageType) {
        return maySend.contains(messageType);
    }

    /** The agreements active on {@code day} that cover this message type from this sender. */
    public List<Agreement> agreementsFor(String messageType, String sender, LocalDate day) {
        return agreements.stream().filter(a -> a.isActiveOn(day) && a.covers(messageType, sender)).toList();
    }

    public Optional<Agreement> agreement(String agreementId) {
        return agreements.stream().filter(a -> a.id().equals(agreementId)).findFirst();
    }
}
