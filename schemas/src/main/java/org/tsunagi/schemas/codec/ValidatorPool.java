package org.tsunagi.schemas.codec;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;

/**
 * Schema validators for reuse: building one (Xerces' validator and its component manager) costs about as much as
 * validating a typical message. A validator is used by one thread at a time and resets itself at the start of every
 * document; only one that finished a document without an error comes back, so a validator left in the middle of a
 * refused document is never reused.
 */
final class ValidatorPool {

    private final Schema schema;
    private final ConcurrentLinkedQueue<ValidatorHandler> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final int maxIdle;

    ValidatorPool(Schema schema, int maxIdle) {
        this.schema = schema;
        this.maxIdle = maxIdle;
    }

    ValidatorHandler borrow() {
        ValidatorHandler validator = idle.poll();
        if (validator == null) {
            return HardenedXml.newValidatorHandler(schema);
        }
        idleCount.decrementAndGet();
        return validator;
    }

    /** After a document validated completely; a validator that threw is dropped instead. */
    void giveBack(ValidatorHandler validator) {
        // Drop the last document's handlers so that the pool keeps no message content alive.
        validator.setContentHandler(null);
        validator.setErrorHandler(null);
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offer(validator);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
