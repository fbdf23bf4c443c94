package org.tsunagi.schemas.codec;

/** Why the codec refused a message. The names are a stable contract: receipts, logs and users rely on them. */
public enum ReasonCode {
    /** Not well-formed XML (or empty). */
    MALFORMED_XML,
    /** Not UTF-8: a declared encoding other than UTF-8, a UTF-16/32 byte order mark, or invalid UTF-8 bytes. */
    UNSUPPORTED_ENCODING,
    /** The document has a DOCTYPE declaration (DTDs, and with them entity declarations, are never processed). */
    DOCTYPE_FORBIDDEN,
    /** The document uses XInclude (never processed). */
    XINCLUDE_FORBIDDEN,
    /** Larger than the configured byte limit. */
    TOO_LARGE,
    /** Elements nested deeper than the configured limit. */
    TOO_DEEP,
    /** More elements than the configured limit. */
    TOO_MANY_ELEMENTS,
    /** The root element is not in the namespace urn:tsunagi:message:1. */
    WRONG_NAMESPACE,
    /** The root element is in the right namespace but names no known message type. */
    UNKNOWN_MESSAGE_TYPE,
    /** A different message type than the caller expected. */
    UNEXPECTED_MESSAGE_TYPE,
    /** Header/MessageType differs from the root element. */
    MESSAGE_TYPE_MISMATCH,
    /** The document does not conform to the XSD (see the location: line, column, field path). */
    SCHEMA_INVALID,
    /** A local government code fails its check digit. */
    INVALID_LOCAL_GOVERNMENT_CODE
}
