package org.tsunagi.routes.pipeline;

import java.util.List;

/** A message whose copies are all sealed, ready to commit. */
public record Sealed(Redacted redacted, List<SealedCopy> copies) {

    public Sealed {
        copies = List.copyOf(copies);
    }

    public ReadMessage read() {
        return redacted.routed().read();
    }
}
