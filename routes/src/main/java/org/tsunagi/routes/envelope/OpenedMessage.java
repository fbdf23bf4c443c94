package org.tsunagi.routes.envelope;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What {@link MessageOpener} (and {@link JoseEnvelope}) report about a message whose signature and signer were
 * verified. The content itself went to the caller's output stream.
 *
 * @param signerCertificate the signer's certificate (validated)
 * @param signerPath        the validated path, signer first, without the trust anchor
 * @param signingTime       the signing time from the signed attributes (CMS) or the protected header (JOSE)
 * @param contentSha256     lowercase hex SHA-256 of the content: log this, never the content
 * @param contentLength     content size in bytes
 */
public record OpenedMessage(X509Certificate signerCertificate, List<X509Certificate> signerPath, Instant signingTime,
                            String contentSha256, long contentLength) {

    public OpenedMessage {
        signerPath = List.copyOf(signerPath);
    }

    /** The signer's subject distinguished name (RFC 2253). */
    public String signerSubject() {
        return signerCertificate.getSubjectX500Principal().getName();
    }
}
