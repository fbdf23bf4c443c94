package org.tsunagi.gateway.participants;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.tsunagi.routes.redaction.LegalBasis;

/**
 * The registered participants, read at start from the participants YAML and validated: a registry that names
 * a missing certificate, an unreadable SFTP key, an unknown message type, a purpose without a policy or an agreement
 * whose dates are reversed stops the gateway with a message naming the file and the participant. While running,
 * {@link ParticipantsReload} replaces the whole content at once with a newer file's, only once that validated.
 */
public final class ParticipantRegistry {

    /** One immutable snapshot, replaced as a whole: a reader never sees half of an old and half of a new file. */
    private volatile Map<String, Participant> byId;

    private ParticipantRegistry(Map<String, Participant> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** Takes over a newer, validated registry's participants. */
    void adopt(ParticipantRegistry newer) {
        this.byId = newer.byId;
    }

    /**
     * Loads and validates the registry. Relative file names inside it resolve against the YAML file's folder.
     *
     * @param file          the participants YAML
     * @param messageTypes  the message types that exist (what {@code may-send} and agreements may name)
     * @param knownPurpose  whether a purpose has a disclosure policy
     */
    public static ParticipantRegistry load(Path file, Set<String> messageTypes, Predicate<String> knownPurpose) {
        ParticipantsFile.Document doc = ParticipantsFile.read(file);
        Path base = file.toAbsolutePath().getParent();
        Map<String, Participant> byId = new LinkedHashMap<>();
        for (ParticipantsFile.ParticipantSpec spec : doc.participants()) {
            String where = file + ": participant '" + spec.id() + "'";
            if (byId.containsKey(spec.id())) {
                throw new InvalidParticipantsException(where + " is registered twice");
            }
            byId.put(spec.id(), toParticipant(spec, base, where, messageTypes, knownPurpose));
        }
        for (Participant p : byId.values()) {
            for (Agreement a : p.agreements()) {
                for (String sender : a.senders()) {
                    if (!byId.containsKey(sender)) {
                        throw new InvalidParticipantsException(file + ": participant '" + p.id() + "' agreement '"
                                + a.id() + "' names unknown sender '" + sender + "'");
                    }
                }
            }
        }
        return new ParticipantRegistry(byId);
    }

    public Optional<Participant> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Participant> all() {
        return byId.values();
    }

    private static Participant toParticipant(ParticipantsFile.ParticipantSpec spec, Path base, String where,
                                             Set<String> messageTypes, Predicate<String> knownPurpose) {
        if (spec.id().isBlank() || !spec.id().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidParticipantsException(where + ": an id is 1-64 letters, digits, '.', '_' or '-'");
        }
        if (spec.role().isLocalGovernment() && !spec.id().matches("\\d{6}")) {
            throw new InvalidParticipantsException(where + ": a local government's id is its 6-digit code");
        }
        List<X509Certificate> certificates = readCertificates(spec, base, where);
        List<PublicKey> sftpKeys = new ArrayList<>();
        for (String keyFile : nullToEmpty(spec.sftpKeys())) {
            sftpKeys.addAll(readSftpKeys(base.resolve(keyFile), where));
        }
        Set<String> maySend = new HashSet<>(nullToEmpty(spec.maySend()));
        requireKnownTypes(maySend, messageTypes, where + " may-send");
        List<Agreement> agreements = new ArrayList<>();
        Set<String> agreementIds = new HashSet<>();
        for (ParticipantsFile.AgreementSpec a : nullToEmpty(spec.agreements())) {
            String at = where + " agreement '" + a.id() + "'";
            if (!agreementIds.add(a.id())) {
                throw new InvalidParticipantsException(at + " is listed twice");
            }
            if (!knownPurpose.test(a.purpose())) {
                throw new InvalidParticipantsException(at + ": unknown purpose '" + a.purpose()
                        + "' (no disclosure policy defines it)");
            }
            if (a.validUntil().isBefore(a.validFrom())) {
                throw new InvalidParticipantsException(at + ": valid-until is before valid-from");
            }
            int k = a.minimumCellCount() == null ? 3 : a.minimumCellCount();
            if (k < 1) {
                throw new InvalidParticipantsException(at + ": minimum-cell-count must be at least 1");
            }
            Set<String> types = Set.copyOf(a.messageTypes());
            requireKnownTypes(types, messageTypes, at + " message-types");
            LegalBasis basis = LegalBasis.byId(a.legalBasis()).orElseThrow(() -> new InvalidParticipantsException(
                    at + ": unknown legal-basis '" + a.legalBasis() + "' (known: " + String.join(", ",
                            Arrays.stream(LegalBasis.values()).map(LegalBasis::id).toList()) + ")"));
            agreements.add(new Agreement(a.id(), a.purpose(), basis, types, Set.copyOf(nullToEmpty(a.senders())),
                    a.validFrom(), a.validUntil(), k));
        }
        DeliveryChannel channel = spec.delivery() == null ? DeliveryChannel.HTTPS : spec.delivery();
        DeliveryForm form = spec.deliveryForm() == null ? DeliveryForm.defaultFor(channel) : spec.deliveryForm();
        if (channel == DeliveryChannel.SFTP && !form.cms()) {
            throw new InvalidParticipantsException(where + ": delivery SFTP writes CMS files, so delivery-form must "
                    + "be CMS or BOTH, not " + form);
        }
        return new Participant(spec.id(), spec.name(), spec.role(), certificates, sftpKeys, maySend, channel,
                agreements, form);
    }

    private static void requireKnownTypes(Set<String> named, Set<String> known, String where) {
        for (String type : named) {
            if (!known.contains(type)) {
                throw new InvalidParticipantsException(where + ": unknown message type '" + type + "'");
            }
        }
    }

    /**
     * {@code certificate: file} or, during a renewal overlap, {@code certificates: [old, new]}: exactly one of the
     * two, at least one file, no certificate twice.
     */
    private static List<X509Certificate> readCertificates(ParticipantsFile.ParticipantSpec spec, Path base,
                                                          String where) {
        if ((spec.certificate() == null) == (spec.certificates() == null)) {
            throw new InvalidParticipantsException(where + ": give exactly one of certificate (one file) or "
                    + "certificates (a list of files)");
        }
        List<String> files = spec.certificate() != null ? List.of(spec.certificate()) : spec.certificates();
        if (files.isEmpty()) {
            throw new InvalidParticipantsException(where + ": certificates is empty");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (String file : files) {
            if (file == null) {
                throw new InvalidParticipantsException(where + ": certificates has an empty entry");
            }
            X509Certificate certificate = readCertificate(base.resolve(file), where);
            if (certificates.contains(certificate)) {
                throw new InvalidParticipantsException(where + ": certificate " + file + " is listed twice");
            }
            certificates.add(certificate);
        }
        return certificates;
    }

    private static X509Certificate readCertificate(Path path, String where) {
        try (InputStream in = Files.newInputStream(path)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new InvalidParticipantsException(where + ": cannot read certificate " + path + ": " + e.getMessage());
        }
    }

    private static List<PublicKey> readSftpKeys(Path path, String where) {
        try {
            List<PublicKey> keys = new ArrayList<>();
            for (AuthorizedKeyEntry entry : AuthorizedKeyEntry.readAuthorizedKeys(path)) {
                keys.add(entry.resolvePublicKey(null, Map.of(), null));
            }
            if (keys.isEmpty()) {
                throw new InvalidParticipantsException(where + ": no key in SFTP key file " + path);
            }
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidParticipantsException(where + ": cannot read SFTP key " + path + ": " + e.getMessage());
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
