package org.tsunagi.schemas.codec;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Hardened SAX readers for reuse: configuring a new one costs far more than parsing a typical message. A reader is
 * used by one thread at a time (borrowed, then given back) and resets its state at the start of every parse.
 */
final class ReaderPool {

    private static final DefaultHandler NOTHING = new DefaultHandler();

    private final ConcurrentLinkedQueue<XMLReader> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final int maxIdle;

    ReaderPool(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    XMLReader borrow() {
        XMLReader reader = idle.poll();
        if (reader == null) {
            return HardenedXml.newXmlReader();
        }
        idleCount.decrementAndGet();
        return reader;
    }

    void giveBack(XMLReader reader) {
        // Drop the last document's handlers so that the pool keeps no message content alive.
        reader.setContentHandler(NOTHING);
        reader.setErrorHandler(NOTHING);
        reader.setEntityResolver(NOTHING);
        reader.setDTDHandler(NOTHING);
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offer(reader);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
