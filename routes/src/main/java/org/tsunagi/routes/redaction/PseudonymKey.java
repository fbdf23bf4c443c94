package org.tsunagi.routes.redaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's pseudonym secret. A pseudonym is HMAC-SHA256 under a key derived for the recipient
 * (HMAC-SHA256(secret, "tsunagi/pseudonym/v1/" + recipient id)), so one recipient always sees the same pseudonym
 * for the same person, and two recipients see unrelated ones and cannot join their data. Immutable, thread-safe.
 */
public final class PseudonymKey {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_BYTES = 32;

    private final byte[] secret;

    private PseudonymKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("pseudonym key must be at least " + MIN_BYTES + " bytes, got "
                    + secret.length);
        }
        this.secret = secret.clone();
    }

    /**
     * Reads the key file: base64 of at least 32 random bytes; lines starting with {@code #} and blank lines are
     * ignored. Generate one with {@code openssl rand -base64 32}.
     */
    public static PseudonymKey fromFile(Path file) {
        try {
            String text = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.joining());
            return new PseudonymKey(Base64.getDecoder().decode(text));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read pseudonym key file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pseudonym key file " + file + " is not base64 of at least "
                    + MIN_BYTES + " bytes: " + e.getMessage(), e);
        }
    }

    /** For tests and tools that hold the secret in memory. */
    public static PseudonymKey of(byte[] secret) {
        return new PseudonymKey(secret);
    }

    /**
     * The pseudonym of {@code value} for {@code recipientId}: "PS-" and 32 lower-case hex digits (128 bits of
     * HMAC-SHA256, ample against collisions among any realistic number of people).
     */
    public String pseudonym(String recipientId, String value) {
        byte[] recipientKey = hmac(secret, "tsunagi/pseudonym/v1/" + recipientId);
        byte[] mac = hmac(recipientKey, value);
        return "PS-" + HexFormat.of().formatHex(Arrays.copyOf(mac, 16));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "PseudonymKey[redacted]";
    }
}
