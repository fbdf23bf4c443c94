package org.tsunagi.gateway.delivery;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of a recipient's pending copies, oldest first.
 *
 * @param items the copies on this page
 * @param next  the position to ask for the next page from ({@code afterSeq}); empty on the last page
 */
public record PendingPage(List<PendingCopy> items, OptionalLong next) {

    public PendingPage {
        items = List.copyOf(items);
    }

    /** The page of {@code limit} items out of {@code rows}, read with one row more than the page to see a next. */
    static PendingPage of(List<PendingCopy> rows, int limit) {
        if (rows.size() <= limit) {
            return new PendingPage(rows, OptionalLong.empty());
        }
        List<PendingCopy> page = rows.subList(0, limit);
        return new PendingPage(page, OptionalLong.of(page.get(limit - 1).seq()));
    }
}
