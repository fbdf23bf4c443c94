package org.tsunagi.routes.redaction;

import java.util.Objects;

/**
 * One cell of a statistics table as it was released to a recipient, as the statistics memory keeps it.
 *
 * @param table     which released table it belonged to ({@code <MessageId>/<table ordinal>/<TableId>}): the cells
 *                  of one released table are added up together (its totals), so the memory keeps them together
 * @param key       what the cell counts, in {@link CellKey}'s canonical form
 * @param value     the true value (also of a suppressed cell: the gateway must go on protecting it), or null when
 *                  the gateway never knew it (suppressed by the sender)
 * @param published whether the recipient saw the value
 */
public record ReleasedCell(String table, String key, Long value, boolean published) {

    public ReleasedCell {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        if (published && value == null) {
            throw new IllegalArgumentException("a published cell has a value");
        }
    }
}
