package org.tsunagi.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks on the raw bytes, before any XML parser sees them: size, encoding (UTF-8 only), and no DOCTYPE in the
 * prolog. Finding the DOCTYPE here gives it its own reason code; the parser refuses it again anyway.
 */
final class ByteScreen {

    private static final Pattern VERSION_DECL =
            Pattern.compile("\\A<\\?xml\\s+version\\s*=\\s*([\"'])([^\"']*)\\1");
    private static final Pattern ENCODING_DECL =
            Pattern.compile("\\A<\\?xml[^>]*?\\sencoding\\s*=\\s*([\"'])([^\"']*)\\1");

    private ByteScreen() {
    }

    /** Reads at most {@code maxBytes}; one byte more is a refusal, and the rest of the stream is left unread. */
    static byte[] readBounded(InputStream in, int maxBytes) {
        try {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new MessageRejectedException(ReasonCode.TOO_LARGE,
                        "the document is larger than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message", e);
        }
    }

    static void check(byte[] bytes, int maxBytes) {
        if (bytes.length > maxBytes) {
            throw new MessageRejectedException(ReasonCode.TOO_LARGE, "the document is larger than " + maxBytes + " bytes");
        }
        if (bytes.length == 0) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_XML, "the document is empty");
        }
        refuseOtherEncodingSignatures(bytes);
        CharBuffer text = decodeStrictUtf8(bytes);
        refuseDeclaredEncoding(text);
        refuseOtherXmlVersions(text);
        refuseDoctype(text);
    }

    private static void refuseOtherEncodingSignatures(byte[] b) {
        if (startsWith(b, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE) || startsWith(b, 0x00, 0x00, 0xFE, 0xFF)) {
            throw new MessageRejectedException(ReasonCode.UNSUPPORTED_ENCODING,
                    "UTF-16/UTF-32 byte order mark; only UTF-8 is accepted");
        }
        if (startsWith(b, 0x00, 0x3C) || startsWith(b, 0x3C, 0x00) || startsWith(b, 0x4C, 0x6F, 0xA7, 0x94)) {
            throw new MessageRejectedException(ReasonCode.UNSUPPORTED_ENCODING,
                    "UTF-16, UTF-32 or EBCDIC text; only UTF-8 is accepted");
        }
    }

    private static CharBuffer decodeStrictUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer text = decoder.decode(in);
            if (text.length() > 0 && text.charAt(0) == '\uFEFF') {
                text.position(1); // the UTF-8 byte order mark is allowed and skipped
            }
            return text.slice();
        } catch (MalformedInputException e) {
            throw new MessageRejectedException(ReasonCode.UNSUPPORTED_ENCODING,
                    "the bytes are not valid UTF-8 (near byte " + in.position() + ")");
        } catch (CharacterCodingException e) {
            throw new MessageRejectedException(ReasonCode.UNSUPPORTED_ENCODING, "the bytes are not valid UTF-8");
        }
    }

    private static void refuseDeclaredEncoding(CharBuffer text) {
        CharSequence head = text.subSequence(0, Math.min(text.length(), 256));
        Matcher m = ENCODING_DECL.matcher(head);
        if (m.find()) {
            String declared = m.group(2).trim().toUpperCase(Locale.ROOT);
            if (!declared.equals("UTF-8") && !declared.equals("UTF8")) {
                throw new MessageRejectedException(ReasonCode.UNSUPPORTED_ENCODING,
                        "declared encoding " + safeToken(m.group(2)) + "; only UTF-8 is accepted");
            }
        }
    }

    /**
     * XML 1.0 only: XML 1.1 admits control characters (as {@code &#x1;}) that no XML 1.0 document, such as a
     * recipient's copy, can carry, so it would fail only later, at a stage that is not about parsing.
     */
    private static void refuseOtherXmlVersions(CharBuffer text) {
        CharSequence head = text.subSequence(0, Math.min(text.length(), 256));
        Matcher m = VERSION_DECL.matcher(head);
        if (m.find() && !m.group(2).equals("1.0")) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_XML,
                    "XML version " + safeToken(m.group(2)) + "; only XML 1.0 is accepted");
        }
    }

    /** Skips the XML declaration, processing instructions, comments and white space; a DOCTYPE there is refused. */
    private static void refuseDoctype(CharBuffer text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (regionMatches(text, i, "<?")) {
                i = skipPast(text, i + 2, "?>");
            } else if (regionMatches(text, i, "<!--")) {
                i = skipPast(text, i + 4, "-->");
            } else if (regionMatchesIgnoreCase(text, i, "<!DOCTYPE")) {
                throw new MessageRejectedException(ReasonCode.DOCTYPE_FORBIDDEN,
                        "DOCTYPE declarations are not accepted");
            } else {
                return;
            }
        }
    }

    private static int skipPast(CharBuffer text, int from, String end) {
        for (int i = from; i + end.length() <= text.length(); i++) {
            if (regionMatches(text, i, end)) {
                return i + end.length();
            }
        }
        return text.length(); // unterminated: the parser reports it
    }

    private static boolean regionMatches(CharBuffer text, int at, String s) {
        if (at + s.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (text.charAt(at + k) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean regionMatchesIgnoreCase(CharBuffer text, int at, String s) {
        if (at + s.length() > text.length()) {
            return false;
        }
        return text.subSequence(at, at + s.length()).toString().equalsIgnoreCase(s);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        return Arrays.equals(Arrays.copyOf(b, prefix.length), toBytes(prefix));
    }

    private static byte[] toBytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String safeToken(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9_.:\\-]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
    }
}
