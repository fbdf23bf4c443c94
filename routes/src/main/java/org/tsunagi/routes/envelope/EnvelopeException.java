package org.tsunagi.routes.envelope;

/**
 * A sealed message (CMS or JOSE) was refused, or could not be made. {@link #reason()} is a stable code that
 * callers map to quarantine reasons, rejection receipts and problem types; the message is for operators and never
 * contains message content.
 */
public final class EnvelopeException extends Exception {

    /** Stable reason codes: part of the public contract, never renamed. */
    public enum Reason {
        /** Not a well-formed CMS (or JOSE) envelope of the expected shape. */
        MALFORMED_CMS,
        /** The envelope has no recipient entry for the key it was opened with. */
        NOT_FOR_THIS_RECIPIENT,
        /** The content key or the content could not be decrypted, or its authentication tag did not match. */
        DECRYPTION_FAILED,
        /** A signature does not verify over the content and its signed attributes. */
        BAD_SIGNATURE,
        /** The signer's certificate does not chain to a trust anchor, or may not be used for signing. */
        UNTRUSTED_SIGNER,
        /** A certificate of the signer's chain was not valid at signing time or is not valid now. */
        CERTIFICATE_EXPIRED,
        /** A certificate of the signer's chain is revoked by a CRL. */
        CERTIFICATE_REVOKED,
        /** No current CRL: a CRL is missing or past its next update (when revocation information is required). */
        REVOCATION_UNKNOWN,
        /** A weak, short or unknown algorithm or key (SHA-1, MD5, RSA below 2048 bits, PKCS#1 v1.5 key transport...). */
        WEAK_ALGORITHM,
        /** The content or the envelope exceeds the configured maximum size. */
        TOO_LARGE,
        /** Opening took longer than the per-drop processing deadline. */
        PROCESSING_TIMEOUT
    }

    private final Reason reason;

    public EnvelopeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EnvelopeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** {@code REASON: message}, one line, suitable for logs and CLI output. */
    @Override
    public String toString() {
        return reason + ": " + getMessage();
    }
}
