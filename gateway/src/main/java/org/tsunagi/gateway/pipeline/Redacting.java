package org.tsunagi.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.Redacted;
import org.tsunagi.routes.pipeline.RedactedCopy;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.pipeline.Routed;
import org.tsunagi.routes.pipeline.WithheldCopy;
import org.tsunagi.routes.routing.Disclosure;
import org.tsunagi.schemas.codec.ErrorLocation;
import org.w3c.dom.Document;

/**
 * Step "redact": the message parsed into a DOM once, then one deep copy per recipient, redacted for the purpose of
 * the agreement it receives it under. A copy that may not go to its recipient ({@link CopyWithheld}) is left out and
 * the others are made; if every copy is withheld, the message is refused with the first one's reason.
 */
final class Redacting {

    /** Makes one recipient's redacted copy; refuses with {@link org.tsunagi.routes.pipeline.MessageRefused}. */
    interface CopyMaker {
        /** The message as a DOM, parsed and validated once per message. */
        Document parse(ReadMessage message);

        /**
         * One recipient's copy, from its own deep copy of {@code document}, knowing the copies already made of this
         * message (statistics groups check their union).
         *
         * @throws CopyWithheld when this recipient may not get a copy but others still may
         */
        RedactedCopy redact(ReadMessage message, Document document, Disclosure disclosure, List<RedactedCopy> earlier);
    }

    /** This recipient gets no copy, for a reason about the recipient rather than the message. */
    static final class CopyWithheld extends RuntimeException {

        private final transient WithheldCopy withheld;

        CopyWithheld(WithheldCopy withheld) {
            super(withheld.reasonCode() + ": the copy for " + withheld.recipientId() + " is withheld", null, false,
                    false);
            this.withheld = withheld;
        }

        WithheldCopy withheld() {
            return withheld;
        }
    }

    private final CopyMaker copies;

    Redacting(CopyMaker copies) {
        this.copies = copies;
    }

    Redacted redact(Routed routed) {
        List<RedactedCopy> made = new ArrayList<>();
        List<WithheldCopy> withheld = new ArrayList<>();
        List<Disclosure> disclosures = routed.decision().disclosures();
        Document parsed = disclosures.isEmpty() ? null : copies.parse(routed.read());
        for (Disclosure disclosure : disclosures) {
            try {
                // Only copies actually made count for a group's union: a withheld one releases nothing.
                made.add(copies.redact(routed.read(), (Document) parsed.cloneNode(true), disclosure,
                        List.copyOf(made)));
            } catch (CopyWithheld e) {
                withheld.add(e.withheld());
            }
        }
        if (made.isEmpty() && !withheld.isEmpty()) {
            WithheldCopy first = withheld.get(0);
            throw new MessageRefused(MessageRefused.Stage.REDACT, first.reasonCode(),
                    "every recipient's copy is withheld (" + withheld.size() + ")", routed.read().facts(),
                    List.of(), first.tables().isEmpty() ? null : location(first.tables().get(0)), withheld);
        }
        return new Redacted(routed, made, withheld);
    }

    private static ErrorLocation location(WithheldCopy.Table table) {
        return new ErrorLocation(table.line(), table.column(), "StatisticsReport/Table");
    }
}
