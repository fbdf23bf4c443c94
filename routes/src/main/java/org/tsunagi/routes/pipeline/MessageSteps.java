package org.tsunagi.routes.pipeline;

import java.util.Optional;

/**
 * The steps of a message's way through the gateway, in order. {@link MessageRoute} calls them; the gateway
 * implements them (the commit needs its database transaction). Any step may throw {@link MessageRefused}, which
 * sends the drop to {@link #refuse}; any other exception leaves the file in the inbox to be tried again.
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
}
