package org.tsunagi.routes.pipeline;

import java.util.List;
import org.tsunagi.routes.routing.Disclosure;

/**
 * One recipient's copy, redacted for the purpose of its agreement.
 *
 * @param disclosure      who gets it, under which agreement
 * @param xml             the redacted document (schema-valid, with its Disclosure element)
 * @param disclosedFields the field paths the copy carries, recorded in the ledger
 */
public record RedactedCopy(Disclosure disclosure, byte[] xml, List<String> disclosedFields) {

    public RedactedCopy {
        disclosedFields = List.copyOf(disclosedFields);
    }
}
