package org.tsunagi.schemas;

import java.net.URL;
import java.util.Objects;

/** Where the message schema lives: its namespace and the bundled XSD. */
public final class MessageSchema {

    /** The namespace of every Tsunagi message element. */
    public static final String NAMESPACE = "urn:tsunagi:message:1";

    /** Class-path location of the XSD (also usable by vendors: it is in the tsunagi-schemas jar). */
    public static final String XSD_RESOURCE = "/xsd/tsunagi-message-1.xsd";

    private MessageSchema() {
    }

    /** The bundled XSD. */
    public static URL xsd() {
        return Objects.requireNonNull(MessageSchema.class.getResource(XSD_RESOURCE), "XSD missing from the class path");
    }
}
