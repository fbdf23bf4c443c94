package org.tsunagi.routes.envelope;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bounds on a BER stream, checked iteratively on the raw bytes <em>before</em> Bouncy Castle sees them: nesting
 * depth, the number of elements, and every declared length. Bouncy Castle builds nested structures recursively and
 * allocates a primitive's declared length up front, so a few bytes of deep nesting or a length bomb would otherwise
 * end in {@code StackOverflowError} or {@code OutOfMemoryError}.
 * <p>
 * One subtree, the {@linkplain #contentPath content} (ciphertext chunks outside, the signed content inside), is
 * streamed by Bouncy Castle and may be large: its elements count towards the depth only. Everything else (recipient
 * infos, algorithm parameters, certificates, signer infos and their attributes) is held in memory by the parsers and
 * gets a byte budget, an element budget and a length limit per element. The first breach is thrown as a
 * {@code MALFORMED_CMS} refusal from the {@link Stream} read that would have handed the bytes on.
 * Not thread-safe: one per open.
 */
final class BerBounds {

    /** Nesting deeper than this is refused; real CMS with X.509 certificates stays below 16. */
    static final int MAX_DEPTH = 32;
    /** Elements outside the content; a message with a few certificates has a few hundred. */
    static final int MAX_ELEMENTS = 10_000;
    /** Bytes outside the content (headers and values), the same allowance the size limit makes for the envelope. */
    static final long MAX_STRUCTURE_BYTES = EnvelopeLimits.ENVELOPE_OVERHEAD_BYTES;

    /**
     * One step of the path from the root to the content: the element at this depth with this tag (one of
     * {@code tags}) and, unless {@code index} is negative, this position among its siblings.
     */
    record Step(int index, int... tags) {
        boolean matches(int tag, int position) {
            if (index >= 0 && index != position) {
                return false;
            }
            for (int t : tags) {
                if (t == tag) {
                    return true;
                }
            }
            return false;
        }
    }

    /** ContentInfo / [0] / (Auth)EnvelopedData / EncryptedContentInfo / encryptedContent [0]. */
    static final Step[] ENVELOPE_CONTENT = {new Step(0, 0x30), new Step(1, 0xA0), new Step(0, 0x30),
            new Step(-1, 0x30), new Step(2, 0x80, 0xA0)};
    /** ContentInfo / [0] / SignedData / EncapsulatedContentInfo / eContent [0] / OCTET STRING. */
    static final Step[] SIGNED_CONTENT = {new Step(0, 0x30), new Step(1, 0xA0), new Step(0, 0x30),
            new Step(2, 0x30), new Step(1, 0xA0), new Step(0, 0x04, 0x24)};

    private static final class Frame {
        final long end; // -1: indefinite length
        final boolean onPath;
        final boolean content;
        int children;

        Frame(long end, boolean onPath, boolean content) {
            this.end = end;
            this.onPath = onPath;
            this.content = content;
        }
    }

    private enum State { TAG, LENGTH, LONG_LENGTH, VALUE, DONE }

    private final String what;
    private final Step[] contentPath;
    private final long maxDeclared;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private State state = State.TAG;
    private long position;
    private int tag;
    private int headerBytes;
    private int lengthBytesLeft;
    private long length;
    private long valueLeft;
    private boolean valueCounted;
    private int elements;
    private long structureBytes;
    private EnvelopeException refusal;

    /**
     * @param what        what the stream is, for the refusal's message
     * @param contentPath the path to the streamed content
     * @param maxDeclared the largest length any element may declare (the size limit of the whole input)
     */
    BerBounds(String what, Step[] contentPath, long maxDeclared) {
        this.what = what;
        this.contentPath = contentPath.clone();
        this.maxDeclared = maxDeclared;
    }

    /** The refusal, once a bound was breached (later reads keep failing with it). */
    EnvelopeException refusal() {
        return refusal;
    }

    void update(byte[] bytes, int offset, int count) throws RefusalIOException {
        if (refusal != null) {
            throw new RefusalIOException(refusal);
        }
        int i = offset;
        int end = offset + count;
        while (i < end && state != State.DONE) {
            if (state == State.VALUE) {
                int n = (int) Math.min(valueLeft, end - i);
                if (valueCounted) {
                    structure(n);
                }
                i += n;
                position += n;
                valueLeft -= n;
                if (valueLeft == 0) {
                    state = State.TAG;
                    closeFinished();
                }
                continue;
            }
            int value = bytes[i++] & 0xFF;
            position++;
            headerBytes++;
            switch (state) {
                case TAG -> {
                    if ((value & 0x1F) == 0x1F) {
                        fail("a high tag number at offset " + (position - 1));
                    }
                    tag = value;
                    headerBytes = 1;
                    state = State.LENGTH;
                }
                case LENGTH -> {
                    if (value == 0x80) {
                        length = -1;
                        startElement();
                    } else if (value < 0x80) {
                        length = value;
                        startElement();
                    } else if ((value & 0x7F) > 7) {
                        fail("a length of " + (value & 0x7F) + " bytes at offset " + (position - 1));
                    } else {
                        lengthBytesLeft = value & 0x7F;
                        length = 0;
                        state = State.LONG_LENGTH;
                    }
                }
                case LONG_LENGTH -> {
                    length = (length << 8) | value;
                    if (--lengthBytesLeft == 0) {
                        startElement();
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
            if (refusal != null) {
                throw new RefusalIOException(refusal);
            }
        }
        if (refusal != null) {
            throw new RefusalIOException(refusal);
        }
    }

    private void startElement() {
        state = State.TAG;
        Frame parent = stack.peek();
        if (tag == 0x00 && length == 0) {
            if (parent == null || parent.end != -1) {
                fail("an unexpected end-of-contents at offset " + position);
                return;
            }
            stack.pop();
            closeFinished();
            return;
        }
        boolean constructed = (tag & 0x20) != 0;
        int depth = stack.size(); // 0 for the root
        if (depth + 1 > MAX_DEPTH) {
            fail("elements nested deeper than " + MAX_DEPTH);
            return;
        }
        boolean onPath = (parent == null || parent.onPath) && depth < contentPath.length
                && contentPath[depth].matches(tag, parent == null ? 0 : parent.children);
        boolean content = parent != null && parent.content || onPath && depth == contentPath.length - 1;
        if (parent != null) {
            parent.children++;
        }
        if (length < 0 && !constructed) {
            fail("an indefinite length on a primitive element at offset " + position);
            return;
        }
        if (length > maxDeclared) {
            fail("an element declares " + length + " bytes, more than the " + maxDeclared + " allowed");
            return;
        }
        if (parent != null && parent.end >= 0 && length >= 0 && position + length > parent.end) {
            fail("an element at offset " + position + " overruns its parent");
            return;
        }
        if (!content && !onPath) {
            if (++elements > MAX_ELEMENTS) {
                fail("more than " + MAX_ELEMENTS + " elements outside the content");
                return;
            }
            structure(headerBytes);
            // Checked at the header: a parser allocates a primitive's declared length before reading it.
            if (length > MAX_STRUCTURE_BYTES - structureBytes) {
                fail("an element declares " + length + " bytes, more than the structure allows");
                return;
            }
        }
        if (constructed) {
            stack.push(new Frame(length < 0 ? -1 : position + length, onPath, content));
            closeFinished();
        } else {
            valueLeft = length;
            valueCounted = !content && !onPath;
            if (length > 0) {
                state = State.VALUE;
            } else {
                closeFinished();
            }
        }
    }

    private void structure(long bytes) {
        structureBytes += bytes;
        if (structureBytes > MAX_STRUCTURE_BYTES) {
            fail("more than " + MAX_STRUCTURE_BYTES + " bytes of structure outside the content");
        }
    }

    private void closeFinished() {
        while (refusal == null && !stack.isEmpty() && stack.peek().end == position) {
            stack.pop();
        }
        if (stack.isEmpty() && refusal == null) {
            // The rest (end-of-contents octets, appended data) is for the strict checks after parsing.
            state = State.DONE;
        }
    }

    private void fail(String problem) {
        if (refusal == null) {
            refusal = new EnvelopeException(EnvelopeException.Reason.MALFORMED_CMS,
                    "malformed CMS: " + what + ": " + problem);
        }
    }
}
