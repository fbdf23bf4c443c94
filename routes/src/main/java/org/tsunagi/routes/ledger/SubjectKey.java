package org.tsunagi.routes.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway secret that turns a person's identifier into a {@link SubjectReference}:
 * HMAC-SHA256(key, scheme + ":" + value) over the normalised identifier. Without the key nobody can test a guessed
 * identifier against the ledger; with it, the gateway maps the same person to the same reference every time.
 *
 * <p>Normalisation (stable: changing it changes every reference): NFKC (full-width digits and letters become
 * ASCII), scheme lower-cased, value with all white space removed and upper-cased.
 */
public final class SubjectKey {

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9.-]{0,31}");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    public SubjectKey(byte[] secret) {
        if (secret == null || secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the subject key needs at least 32 bytes of secret");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** Reads the key file: hex or base64 text of at least 32 random bytes (lines starting with '#' are comments). */
    public static SubjectKey fromFile(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                text.append(line.strip());
            }
        }
        String secret = text.toString();
        try {
            byte[] bytes = secret.matches("([0-9a-fA-F]{2})+") ? HexFormat.of().parseHex(secret)
                    : Base64.getDecoder().decode(secret);
            return new SubjectKey(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException("subject key file " + file + ": " + e.getMessage());
        }
    }

    /** The reference of the person identified by {@code value} in identifier scheme {@code scheme}. */
    public SubjectReference reference(String scheme, String value) {
        String s = normalise(scheme).toLowerCase(Locale.ROOT);
        String v = WHITE_SPACE.matcher(normalise(value)).replaceAll("").toUpperCase(Locale.ROOT);
        if (!SCHEME.matcher(s).matches()) {
            throw new IllegalArgumentException("identifier scheme must match " + SCHEME.pattern());
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("identifier value is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((s + ":" + v).getBytes(StandardCharsets.UTF_8));
            return new SubjectReference(HexFormat.of().formatHex(digest));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every Java runtime", e);
        }
    }

    /** Parses {@code "scheme:value"} (as an auditor types it) and returns its reference. */
    public SubjectReference reference(String schemeAndValue) {
        int colon = schemeAndValue.indexOf(':');
        if (colon <= 0 || colon == schemeAndValue.length() - 1) {
            throw new IllegalArgumentException("a subject identifier reads scheme:value");
        }
        return reference(schemeAndValue.substring(0, colon), schemeAndValue.substring(colon + 1));
    }

    private static String normalise(String text) {
        if (text == null) {
            throw new IllegalArgumentException("identifier scheme and value are required");
        }
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }
}
