package org.tsunagi.routes.envelope;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.regex.Pattern;
import org.bouncycastle.util.encoders.Hex;

/**
 * A strict, streaming check of the parts of an enveloped CMS file that no tag or signature protects: its BER
 * framing (every length, end-of-contents pair and chunk), the tags of its skeleton (ContentInfo, the
 * (Auth)EnvelopedData fields, the encrypted content's chunks), its version, and nothing after its end. Bouncy
 * Castle's parsers are lenient about such bytes; this check makes "a flipped byte anywhere is refused" hold.
 * It is fed the raw bytes as they are read and keeps only the recipient infos (small) for a closer look.
 * Not thread-safe: one per open.
 */
final class EnvelopeStructure {

    static final int MAX_RECIPIENT_INFOS_BYTES = 64 * 1024;

    private static final Pattern AUTH_ENVELOPED_FIELDS = Pattern.compile("02(a0)?3130(a1)?04");
    private static final Pattern ENVELOPED_FIELDS = Pattern.compile("02(a0)?3130");

    private enum Role { ROOT, CONTENT_INFO_CONTENT, ENVELOPE, ENCRYPTED_CONTENT_INFO, CONTENT, OCTETS, RECIPIENTS, OTHER }

    private static final class Frame {
        final Role role;
        final long end; // -1: indefinite length
        int children;
        final StringBuilder tags = new StringBuilder();

        Frame(Role role, long end) {
            this.role = role;
            this.end = end;
        }
    }

    private enum State { TAG, LENGTH, LONG_LENGTH, CONTENT }

    private static final byte[] AUTH_ENVELOPED_OID = Hex.decode("2a864886f70d0109100117");
    private static final byte[] ENVELOPED_OID = Hex.decode("2a864886f70d010703");

    private boolean authenticated;
    private boolean contentTypePending;
    private final ByteArrayOutputStream contentType = new ByteArrayOutputStream(16);
    private final Deque<Frame> stack = new ArrayDeque<>();
    private State state = State.TAG;
    private long position;
    private boolean started;
    private boolean complete;
    private int tag;
    private int lengthBytesLeft;
    private long length;
    private long contentLeft;
    private final ByteArrayOutputStream header = new ByteArrayOutputStream(8);
    private ByteArrayOutputStream capture;
    private byte[] recipientInfos;
    private boolean versionPending;
    private int version = -1;
    private String error;

    EnvelopeStructure() {
    }

    void update(byte[] bytes, int offset, int count) {
        int i = offset;
        int end = offset + count;
        while (i < end && error == null) {
            if (state == State.CONTENT) {
                int n = (int) Math.min(contentLeft, end - i);
                if (versionPending) {
                    version = bytes[i] & 0xFF;
                    versionPending = false;
                }
                if (contentTypePending) {
                    contentType.write(bytes, i, n);
                }
                captured(bytes, i, n);
                i += n;
                position += n;
                contentLeft -= n;
                if (contentLeft == 0) {
                    state = State.TAG;
                    if (contentTypePending) {
                        contentTypePending = false;
                        byte[] oid = contentType.toByteArray();
                        authenticated = Arrays.equals(oid, AUTH_ENVELOPED_OID);
                        require(authenticated || Arrays.equals(oid, ENVELOPED_OID), "not an enveloped message");
                    }
                    closeFinished();
                }
                continue;
            }
            int value = bytes[i] & 0xFF;
            captured(bytes, i, 1);
            i++;
            position++;
            switch (state) {
                case TAG -> {
                    if (complete) {
                        fail("data after the end of the envelope");
                    } else if ((value & 0x1F) == 0x1F) {
                        fail("unexpected high tag number");
                    }
                    tag = value;
                    header.reset();
                    header.write(value);
                    state = State.LENGTH;
                }
                case LENGTH -> {
                    header.write(value);
                    if (value == 0x80) {
                        length = -1;
                        startElement();
                    } else if (value < 0x80) {
                        length = value;
                        startElement();
                    } else if (value == 0xFF || (value & 0x7F) > 7) {
                        fail("invalid length");
                    } else {
                        lengthBytesLeft = value & 0x7F;
                        length = 0;
                        state = State.LONG_LENGTH;
                    }
                }
                case LONG_LENGTH -> {
                    header.write(value);
                    length = (length << 8) | value;
                    if (--lengthBytesLeft == 0) {
                        startElement();
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** Null if everything seen so far is well-formed and the envelope is complete; otherwise why not. */
    String problem() {
        if (error == null && !complete) {
            return "the envelope is truncated";
        }
        if (error == null && (authenticated ? version != 0 : version != 0 && version != 2)) {
            return "unexpected version " + version;
        }
        return error;
    }

    /** The DER/BER bytes of the RecipientInfos SET, once seen. */
    byte[] recipientInfos() {
        return recipientInfos;
    }

    private void startElement() {
        state = State.TAG;
        if (tag == 0x00) {
            endOfContents();
            return;
        }
        Frame parent = stack.peek();
        if (parent == null && started) {
            fail("data after the end of the envelope");
            return;
        }
        boolean constructed = (tag & 0x20) != 0;
        if (length < 0 && !constructed) {
            fail("indefinite length on a primitive element");
            return;
        }
        if (parent != null && parent.end >= 0 && length >= 0 && position + length > parent.end) {
            fail("an element overruns its parent");
            return;
        }
        Role role = roleOf(parent, constructed);
        if (error != null) {
            return;
        }
        started = true;
        if (parent != null) {
            parent.children++;
        }
        if (constructed) {
            Frame frame = new Frame(role, length < 0 ? -1 : position + length);
            stack.push(frame);
            if (role == Role.RECIPIENTS) {
                capture = new ByteArrayOutputStream();
                capture.writeBytes(header.toByteArray());
            }
            closeFinished();
        } else {
            contentLeft = length;
            versionPending = parent != null && parent.role == Role.ENVELOPE && parent.children == 1 && length == 1;
            contentTypePending = parent != null && parent.role == Role.ROOT && parent.children == 1 && length <= 16;
            if (length > 0) {
                state = State.CONTENT;
            } else {
                closeFinished();
            }
        }
    }

    private Role roleOf(Frame parent, boolean constructed) {
        if (parent == null) {
            return expect(tag == 0x30, Role.ROOT);
        }
        int index = parent.children;
        return switch (parent.role) {
            case ROOT -> index == 0 ? expect(tag == 0x06, Role.OTHER)
                    : expect(index == 1 && tag == 0xA0, Role.CONTENT_INFO_CONTENT);
            case CONTENT_INFO_CONTENT -> expect(index == 0 && tag == 0x30, Role.ENVELOPE);
            case ENVELOPE -> {
                parent.tags.append(String.format("%02x", tag));
                yield tag == 0x31 ? Role.RECIPIENTS : tag == 0x30 ? Role.ENCRYPTED_CONTENT_INFO : Role.OTHER;
            }
            case ENCRYPTED_CONTENT_INFO -> switch (index) {
                case 0 -> expect(tag == 0x06, Role.OTHER);
                case 1 -> expect(tag == 0x30, Role.OTHER);
                case 2 -> expect(tag == 0x80 || tag == 0xA0, Role.CONTENT);
                default -> expect(false, Role.OTHER);
            };
            case CONTENT, OCTETS -> expect(tag == 0x04 || tag == 0x24, Role.OCTETS);
            case RECIPIENTS, OTHER -> Role.OTHER;
        };
    }

    private Role expect(boolean condition, Role role) {
        if (!condition) {
            fail(String.format("unexpected tag 0x%02x at offset %d", tag, position));
        }
        return role;
    }

    private void endOfContents() {
        Frame top = stack.peek();
        if (length != 0 || top == null || top.end != -1) {
            fail("unexpected end-of-contents at offset " + position);
            return;
        }
        pop();
        closeFinished();
    }

    private void closeFinished() {
        while (error == null && !stack.isEmpty() && stack.peek().end == position) {
            pop();
        }
        if (stack.isEmpty() && started && error == null) {
            complete = true;
        }
    }

    private void pop() {
        Frame frame = stack.pop();
        switch (frame.role) {
            case ROOT -> require(frame.children == 2, "a ContentInfo has two fields");
            case CONTENT_INFO_CONTENT -> require(frame.children == 1, "one envelope per ContentInfo");
            case ENVELOPE -> require((authenticated ? AUTH_ENVELOPED_FIELDS : ENVELOPED_FIELDS)
                    .matcher(frame.tags).matches(), "unexpected envelope fields " + frame.tags);
            case ENCRYPTED_CONTENT_INFO -> require(frame.children == 3, "the encrypted content is missing");
            case RECIPIENTS -> {
                recipientInfos = capture.toByteArray();
                capture = null;
            }
            default -> {
            }
        }
        Frame parent = stack.peek();
        if (parent != null && parent.end >= 0 && position > parent.end) {
            fail("an element overruns its parent");
        }
    }

    private void captured(byte[] bytes, int offset, int count) {
        if (capture != null) {
            capture.write(bytes, offset, count);
            if (capture.size() > MAX_RECIPIENT_INFOS_BYTES) {
                fail("the recipient infos are too large");
            }
        }
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            fail(message);
        }
    }

    private void fail(String message) {
        if (error == null) {
            error = message;
        }
    }
}
