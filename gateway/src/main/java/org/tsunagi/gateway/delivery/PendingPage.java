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
}
