package org.tsunagi.gateway.pipeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/gateway/certificates}: the gateway's certificates, public and without a token, so that
 * senders fetch what to seal to (the current encryption certificate) and recipients what the gateway signs with.
 * Previous encryption certificates still accepted during a rotation are listed too, marked not current.
 */
@RestController
@Tag(name = "gateway")
class GatewayCertificatesController {

    static final String PATH = "/api/v1/gateway/certificates";

    private final GatewayCertificates certificates;

    GatewayCertificatesController(PipelineConfiguration.GatewayKeys keys) {
        this.certificates = GatewayCertificates.of(keys);
    }

    @Operation(summary = "The gateway's certificates (public, no token)",
            description = "Seal inbound messages to the `encryption` certificate marked `current`. Other `encryption` "
                    + "certificates are previous keys still accepted during a key rotation: do not seal new messages "
                    + "to them. Outgoing copies and receipts are signed with the `signing` certificate. Check each "
                    + "certificate against the CA and its SHA-256 fingerprint against one obtained out of band.")
    @SecurityRequirements
    @GetMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<GatewayCertificates> certificates() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(certificates);
    }

    /** @param certificates the current encryption certificate first, then previous ones, then the signing one */
    record GatewayCertificates(List<PublishedCertificate> certificates) {

        static GatewayCertificates of(PipelineConfiguration.GatewayKeys keys) {
            List<PublishedCertificate> all = new ArrayList<>();
            all.add(PublishedCertificate.of("encryption", true, keys.decryption().certificate()));
            keys.previousDecryption().forEach(p -> all.add(PublishedCertificate.of("encryption", false,
                    p.certificate())));
            all.add(PublishedCertificate.of("signing", true, keys.signing().certificate()));
            return new GatewayCertificates(List.copyOf(all));
        }
    }

    /**
     * @param use               {@code encryption} (senders seal to it) or {@code signing} (the gateway signs with it)
     * @param current           whether this is the one in use; {@code false}: a previous encryption key still accepted
     * @param subject           the certificate's subject (RFC 2253)
     * @param serialNumber      its serial number (hexadecimal)
     * @param notAfter          when it expires
     * @param sha256Fingerprint SHA-256 of its DER encoding (hexadecimal): compare with the one published out of band
     * @param pem               the certificate (PEM)
     */
    record PublishedCertificate(String use, boolean current, String subject, String serialNumber, Instant notAfter,
                                String sha256Fingerprint, String pem) {

        static PublishedCertificate of(String use, boolean current, X509Certificate certificate) {
            try {
                byte[] der = certificate.getEncoded();
                String pem = "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                        + "\n-----END CERTIFICATE-----\n";
                return new PublishedCertificate(use, current, certificate.getSubjectX500Principal().getName(),
                        certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)), pem);
            } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("cannot encode the gateway's certificate", e);
            }
        }
    }
}
