package org.tsunagi.routes.ledger;

/** A signed checkpoint that is malformed or whose signature does not verify. */
public final class CheckpointException extends Exception {

    public CheckpointException(String message) {
        super(message);
    }
}
