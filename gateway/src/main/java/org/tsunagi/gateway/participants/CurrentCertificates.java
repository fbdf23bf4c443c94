package org.tsunagi.gateway.participants;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.tsunagi.routes.envelope.EnvelopeException;
import org.tsunagi.routes.envelope.SignerValidator;

/**
 * Which of a participant's registered certificates are valid now: chaining to a trust anchor, within their dates,
 * not revoked on the current CRLs. During a renewal overlap both the old and the new one are; once the old one
 * expires or is revoked, only the new one. Verdicts are kept a few seconds per participant, so that a burst of
 * requests costs one path validation; a registry reload (other certificates) or a CRL change takes effect after that.
 */
@Component
public class CurrentCertificates {

    private static final Duration KEEP_VERDICT = Duration.ofSeconds(10);

    /** Valid ones newest first (by notBefore), and why the newest registered one is refused if none is valid. */
    private record Verdict(List<X509Certificate> registered, List<X509Certificate> valid, String refusal,
                           Instant until) {
    }

    private final SignerValidator validator;
    private final Clock clock;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    public CurrentCertificates(SignerValidator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    /** The participant's certificates valid now, newest first; empty when none is. */
    public List<X509Certificate> valid(Participant participant) {
        return verdict(participant).valid();
    }

    /** Why none of the participant's certificates is accepted now; empty when one is. */
    public Optional<String> refusal(Participant participant) {
        return Optional.ofNullable(verdict(participant).refusal());
    }

    /**
     * The certificate to encrypt to: the newest valid one (during an overlap, the renewed one, so that nothing new is
     * sealed to a key about to retire). With none valid, the newest registered one: a copy or a receipt is still
     * sealed (refusing the participant is the signature checks' job, not the sealer's).
     */
    public X509Certificate forEncryption(Participant participant) {
        List<X509Certificate> valid = valid(participant);
        return valid.isEmpty() ? newestFirst(participant.certificates()).get(0) : valid.get(0);
    }

    private Verdict verdict(Participant participant) {
        Instant now = clock.instant();
        Verdict verdict = verdicts.get(participant.id());
        if (verdict == null || now.isAfter(verdict.until()) || !verdict.registered().equals(participant.certificates())) {
            verdict = check(participant, now);
            verdicts.put(participant.id(), verdict);
        }
        return verdict;
    }

    private Verdict check(Participant participant, Instant now) {
        List<X509Certificate> valid = new ArrayList<>();
        String refusal = null;
        for (X509Certificate certificate : newestFirst(participant.certificates())) {
            try {
                validator.validate(certificate, List.of(), now);
                valid.add(certificate);
            } catch (EnvelopeException e) {
                if (refusal == null) {
                    refusal = "the registered certificate" + (participant.certificates().size() > 1 ? "s" : "")
                            + " of " + participant.id() + " " + (participant.certificates().size() > 1 ? "are" : "is")
                            + " refused (" + e.reason() + "): " + e.getMessage();
                }
            }
        }
        return new Verdict(participant.certificates(), List.copyOf(valid), valid.isEmpty() ? refusal : null,
                now.plus(KEEP_VERDICT));
    }

    private static List<X509Certificate> newestFirst(List<X509Certificate> certificates) {
        return certificates.stream().sorted(Comparator.comparing(X509Certificate::getNotBefore).reversed()).toList();
    }
}
