package org.tsunagi.routes.pipeline;

import java.util.Optional;

/**
 * The steps of a message's way through the gateway, in order. {@link MessageRoute} calls them; the gateway
 * implements them (the commit needs its database transaction). Any step may throw {@link MessageRefused}, which
 * sends the drop to {@link #refuse}; anything else thrown (an exception or an {@code Error}) goes to {@link #failed},
 * which leaves the drop to be tried again later or, past the attempt cap, refuses it.
 */
public interface MessageSteps {

    /** A decision already committed for this drop (a crash came between commit and finish), if any. */
    Optional<Decision> recall(Drop drop);

    /** Decrypt, verify the signature, validate the signer; the signer must own the inbox. */
    Opened open(Drop drop);

    /** Unmarshal with schema validation (hardened parser). */
    ReadMessage read(Opened opened);

    /** From = signer, To = the gateway, the sender may send this type, the MessageId is unseen. */
    ReadMessage authorise(ReadMessage message);

    /** Decide the recipients and, for each, the agreement; nobody: refused. */
    Routed route(ReadMessage message);

    /** One copy per recipient, redacted for its purpose. */
    Redacted redact(Routed routed);

    /** Sign and encrypt each copy for its recipient. */
    Sealed seal(Redacted redacted);

    /** In one transaction: outbox rows, ledger entries, the decision and the receipt. */
    Decision commit(Sealed sealed);

    /** In one transaction: the refusal in the ledger, the decision and the rejection receipt. */
    Decision refuse(Drop drop, MessageRefused refusal);

    /** After commit: the receipt and SFTP copies written, the file moved to processed/ or quarantine/. Idempotent. */
    void finish(Decision decision);

    /**
     * An attempt on {@code drop} ended in {@code failure} in {@code step} (anything but a refusal). Empty: the drop is
     * left to be tried again later (after a back-off). Present: it was tried too often and is to be refused with
     * this refusal (reason code {@code INTERNAL_ERROR}) the normal way. May throw when even recording the failure
     * fails (the database is down): the drop is then tried again once its claim expires.
     */
    Optional<MessageRefused> failed(Drop drop, String step, Throwable failure);

    /**
     * The last resort, when refusing a drop that was given up on failed too: the file leaves the inbox for
     * quarantine without a receipt and is never tried again.
     */
    void abandon(Drop drop, Throwable failure);
}
