package org.tsunagi.schemas.catalog;

import org.tsunagi.schemas.MessageType;

/**
 * One element of a message type, addressed by its field path.
 *
 * @param messageType   the message type the path belongs to
 * @param path          slash-separated element local names from the root, e.g. {@code ReleaseNotice/Person/Name/Kanji}
 * @param required      the element must be present whenever its parent is (a redacted copy that keeps the parent
 *                      must keep it too)
 * @param repeatable    the element may occur more than once under its parent
 * @param leaf          the element holds a value (simple content) rather than child elements
 * @param xsdType       the XSD type's name ({@code xs:date}, {@code LocalGovernmentCode}, ...); anonymous types give
 *                      their base type's name
 * @param documentation the element's xs:documentation text
 */
public record FieldDefinition(MessageType messageType, String path, boolean required, boolean repeatable,
                              boolean leaf, String xsdType, String documentation) {

    /** The element's local name (the last path step). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The path of the parent element, or null for the root. */
    public String parentPath() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }

    /** True for the Header and everything in it (written by the sender or the gateway, never redacted). */
    public boolean inHeader() {
        return isUnder(messageType.rootElement() + "/Header");
    }

    /** True for the Disclosure and everything in it (written by the gateway on redacted copies). */
    public boolean inDisclosure() {
        return isUnder(messageType.rootElement() + "/Disclosure");
    }

    /** True for the body: the paths a disclosure policy decides about. */
    public boolean inBody() {
        return path.indexOf('/') > 0 && !inHeader() && !inDisclosure();
    }

    private boolean isUnder(String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
