package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a statistics cell counts, independent of the table it appears in: the measure, the quantity (a count, or a
 * rate's numerator or denominator) and one coordinate per dimension (AREA, SEX, AGE_BAND, OFFENCE, PERIOD), where
 * {@code *} is the total over that dimension. Two tables that carry the same key carry the same number: that is
 * what links them (a male-only table repeats the male cells of a by-sex table).
 *
 * <p>The canonical text form ({@link #toString()}) is what the statistics memory stores.
 */
record CellKey(String measure, String quantity, List<String> coordinates) {

    static final String TOTAL = "*";
    static final int AREA = 0;
    static final List<String> DIMENSIONS = List.of("AREA", "SEX", "AGE_BAND", "OFFENCE", "PERIOD");

    CellKey {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(quantity, "quantity");
        coordinates = List.copyOf(coordinates);
        if (coordinates.size() != DIMENSIONS.size()) {
            throw new IllegalArgumentException("one coordinate per dimension");
        }
    }

    /** Whether a coordinate is a total ({@code *}, or {@code *<areas>} for a total over a table's areas). */
    static boolean isTotal(String coordinate) {
        return coordinate.startsWith(TOTAL);
    }

    /**
     * The coordinate of a total over {@code values} of a dimension. Sexes, age bands, offences and periods are
     * classifications: a table's total over them is the total. Areas are a selection (the municipalities a table
     * covers), so a total over areas is a total over those areas, named by them: tables over other areas have other
     * totals.
     */
    static String totalOver(int dimension, java.util.Collection<String> values) {
        if (dimension != AREA || values.isEmpty()) {
            return TOTAL;
        }
        java.util.List<String> sorted = new java.util.ArrayList<>(values);
        java.util.Collections.sort(sorted);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", sorted).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return TOTAL + "areas:" + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    CellKey with(int dimension, String value) {
        List<String> c = new ArrayList<>(coordinates);
        c.set(dimension, value);
        return new CellKey(measure, quantity, c);
    }

    /** Measure and quantity: cells of different quantities are never added together. */
    String quantityKey() {
        return measure + "." + quantity;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(escape(measure)).append('.').append(escape(quantity));
        for (String c : coordinates) {
            s.append('|').append(escape(c));
        }
        return s.toString();
    }

    static CellKey parse(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != DIMENSIONS.size() + 1) {
            throw new IllegalArgumentException("not a cell key");
        }
        int dot = parts[0].indexOf('.');
        List<String> coordinates = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            coordinates.add(unescape(parts[i]));
        }
        return new CellKey(unescape(parts[0].substring(0, dot)), unescape(parts[0].substring(dot + 1)), coordinates);
    }

    private static String escape(String value) {
        return value.replace("%", "%25").replace("|", "%7C").replace(".", "%2E");
    }

    private static String unescape(String value) {
        return value.replace("%2E", ".").replace("%7C", "|").replace("%25", "%");
    }
}
