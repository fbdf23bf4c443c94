package org.tsunagi.schemas.codec;

import org.xml.sax.SAXException;

/** Carries a rejection out of a SAX callback; unwrapped by the pipeline. */
final class RejectionSignal extends SAXException {

    private static final long serialVersionUID = 1L;

    private final transient MessageRejectedException rejection;

    RejectionSignal(MessageRejectedException rejection) {
        super(rejection.getMessage());
        this.rejection = rejection;
    }

    MessageRejectedException rejection() {
        return rejection;
    }
}
