package org.tsunagi.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.tsunagi.routes.pipeline.Redacted;
import org.tsunagi.routes.pipeline.RedactedCopy;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.pipeline.Routed;
import org.tsunagi.routes.routing.Disclosure;

/** Step "redact": one copy per recipient, redacted for the purpose of the agreement it receives it under. */
final class Redacting {

    /** Makes one recipient's redacted copy; refuses with {@link org.tsunagi.routes.pipeline.MessageRefused}. */
    @FunctionalInterface
    interface CopyMaker {
        RedactedCopy redact(ReadMessage message, Disclosure disclosure);

        /** The same, knowing the copies already made of this message (statistics groups check their union). */
        default RedactedCopy redact(ReadMessage message, Disclosure disclosure, List<RedactedCopy> earlier) {
            return redact(message, disclosure);
        }
    }

    private final CopyMaker copies;

    Redacting(CopyMaker copies) {
        this.copies = copies;
    }

    Redacted redact(Routed routed) {
        List<RedactedCopy> made = new ArrayList<>();
        for (Disclosure disclosure : routed.decision().disclosures()) {
            made.add(copies.redact(routed.read(), disclosure, List.copyOf(made)));
        }
        return new Redacted(routed, made);
    }
}
