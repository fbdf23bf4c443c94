package org.tsunagi.gateway.ledger;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows in PostgreSQL's COPY text format, sent on the connection of the current transaction. The two value encoders
 * are public for the ledger benchmark's bulk load, which must write exactly what the integrator writes.
 */
public final class CopyText {

    private CopyText() {
    }

    /** A bytea value: {@code \\x} and hex, its backslash escaped for COPY. */
    public static StringBuilder bytes(StringBuilder out, byte[] bytes) {
        out.append("\\\\x");
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out;
    }

    /** A text value: {@code \N} for null; backslash, tab and line breaks escaped. */
    public static StringBuilder text(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        if (plain(value)) {
            return out.append(value); // the usual case: canonical JSON escapes control characters itself
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code copy} with {@code rows} as its input; fails unless exactly {@code expected} rows were stored. */
    static void copyIn(JdbcTemplate jdbc, String copy, CharSequence rows, long expected) {
        Long stored = jdbc.execute((ConnectionCallback<Long>) c -> {
            try {
                return c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(rows.toString()));
            } catch (IOException e) {
                throw new SQLException("COPY into the ledger failed: " + e.getMessage(), e);
            }
        });
        if (stored == null || stored != expected) {
            throw new IllegalStateException("COPY stored " + stored + " of " + expected + " ledger rows");
        }
    }
}
