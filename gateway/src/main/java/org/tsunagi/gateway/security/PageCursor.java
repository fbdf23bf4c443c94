package org.tsunagi.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * The one cursor of the API's listings ({@code {"items", "next"}}): an opaque token naming the position after
 * which the next page starts (an outbox sequence number for {@code /messages}, a ledger index for
 * {@code /audit/*}). Opaque so that clients pass it back unchanged and the position's meaning may change.
 */
public final class PageCursor {

    private static final String PREFIX = "after:";
    /** Far longer than any cursor this API writes; a longer one is refused before decoding. */
    private static final int MAX_LENGTH = 64;

    private PageCursor() {
    }

    /** The cursor of the page that starts after {@code position}. */
    public static String after(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("a cursor position is not negative");
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The position a cursor names; empty for no cursor (the first page).
     *
     * @throws ApiProblem 400 {@code invalid-cursor} for anything this API did not write
     */
    public static OptionalLong position(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return OptionalLong.empty();
        }
        if (cursor.length() <= MAX_LENGTH) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                if (text.startsWith(PREFIX) && text.substring(PREFIX.length()).matches("[0-9]{1,18}")) {
                    return OptionalLong.of(Long.parseLong(text.substring(PREFIX.length())));
                }
            } catch (IllegalArgumentException e) {
                // falls through to the refusal
            }
        }
        throw ApiProblem.badRequest("invalid-cursor", "the cursor is not one this API returned");
    }
}
