package org.tsunagi.routes.pipeline;

import java.util.List;
import java.util.Objects;
import org.tsunagi.routes.redaction.DisclosedField;
import org.tsunagi.routes.routing.Disclosure;

/**
 * One recipient's copy, redacted for the purpose of its agreement.
 *
 * @param disclosure who gets it, under which agreement
 * @param xml        the redacted document (schema-valid, with its Disclosure element)
 * @param fields     the fields the copy carries and in what form, recorded in the ledger
 */
public record RedactedCopy(Disclosure disclosure, byte[] xml, List<DisclosedField> fields) {

    public RedactedCopy {
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(xml, "xml");
        fields = List.copyOf(fields);
    }
}
