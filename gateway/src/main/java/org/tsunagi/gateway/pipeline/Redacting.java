package org.tsunagi.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.tsunagi.routes.pipeline.Redacted;
import org.tsunagi.routes.pipeline.RedactedCopy;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.pipeline.Routed;
import org.tsunagi.routes.routing.Disclosure;
import org.w3c.dom.Document;

/** Step "redact": the message parsed into a DOM once, then one deep copy per recipient, redacted for the purpose of the agreement it receives it under. */
final class Redacting {

    /** Makes one recipient's redacted copy; refuses with {@link org.tsunagi.routes.pipeline.MessageRefused}. */
    interface CopyMaker {
        /** The message as a DOM, parsed and validated once per message. */
        Document parse(ReadMessage message);

        /**
         * One recipient's copy, from its own deep copy of {@code document}, knowing the copies already made of this
         * message (statistics groups check their union).
         */
        RedactedCopy redact(ReadMessage message, Document document, Disclosure disclosure, List<RedactedCopy> earlier);
    }

    private final CopyMaker copies;

    Redacting(CopyMaker copies) {
        this.copies = copies;
    }

    Redacted redact(Routed routed) {
        List<RedactedCopy> made = new ArrayList<>();
        List<Disclosure> disclosures = routed.decision().disclosures();
        Document parsed = disclosures.isEmpty() ? null : copies.parse(routed.read());
        for (Disclosure disclosure : disclosures) {
            made.add(copies.redact(routed.read(), (Document) parsed.cloneNode(true), disclosure, List.copyOf(made)));
        }
        return new Redacted(routed, made);
    }
}
