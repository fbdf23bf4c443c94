package org.tsunagi.routes.pipeline;

import java.util.Objects;

/**
 * What the gateway decided about a drop, once committed: everything needed to finish its handling (receipt,
 * SFTP copies, moving the file), again if a crash interrupted it.
 *
 * @param drop       the drop (content may be empty when recalled)
 * @param verdict    accepted or refused
 * @param reasonCode for a refusal, its reason code; else null
 * @param messageId  the message's id when known
 */
public record Decision(Drop drop, Verdict verdict, String reasonCode, String messageId) {

    public enum Verdict { ACCEPTED, REFUSED }

    public Decision {
        Objects.requireNonNull(drop, "drop");
        Objects.requireNonNull(verdict, "verdict");
    }
}
