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
    static final List<String> DIMENSIONS = List.of("AREA", "SEX", "AGE_BAND", "OFFENCE", "PERIOD");

    CellKey {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(quantity, "quantity");
        coordinates = List.copyOf(coordinates);
        if (coordinates.size() != DIMENSIONS.size()) {
            throw new IllegalArgumentException("one coordinate per dimension");
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
