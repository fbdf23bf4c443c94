package org.tsunagi.gateway.participants;

/**
 * The sealed form(s) a recipient registered for its copies ({@code delivery-form} in participants.yaml). Only the
 * registered forms are sealed: each form costs a signature and an encryption per copy, and the plaintext is never
 * kept to seal another form later. Default: {@link #CMS} for SFTP recipients (the files are CMS), {@link #BOTH} for
 * HTTPS recipients (the API offers both media types).
 */
public enum DeliveryForm {
    /** The sealed CMS file only ({@code application/pkcs7-mime}; SFTP). */
    CMS,
    /** The compact JWE only ({@code application/jose}; e.g. the browser portal). */
    JOSE,
    /** Both forms, whichever the recipient asks for. */
    BOTH;

    public boolean cms() {
        return this != JOSE;
    }

    public boolean jose() {
        return this != CMS;
    }

    static DeliveryForm defaultFor(DeliveryChannel channel) {
        return channel == DeliveryChannel.SFTP ? CMS : BOTH;
    }
}
