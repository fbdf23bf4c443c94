package org.tsunagi.gateway.delivery;

import java.util.Arrays;
import java.util.Optional;

/** The two forms a recipient can download a copy in, by media type. */
public enum DeliveryFormat {
    /** The sealed CMS file (DER). */
    CMS("application/pkcs7-mime"),
    /** A compact JWE whose payload is a JWS of the XML. */
    JOSE("application/jose");

    private final String mediaType;

    DeliveryFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<DeliveryFormat> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter(f -> f.mediaType.equalsIgnoreCase(mediaType)).findFirst();
    }
}
