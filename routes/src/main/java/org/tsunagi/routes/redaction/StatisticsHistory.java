package org.tsunagi.routes.redaction;

import java.util.List;

/**
 * Everything already released to a recipient (or to every member of its group) from one sender for one reference
 * period: the cells suppression and the pre-release audit add to the tables of a new copy.
 */
public record StatisticsHistory(List<ReleasedCell> cells) {

    /** Nothing released before. */
    public static final StatisticsHistory NONE = new StatisticsHistory(List.of());

    public StatisticsHistory {
        cells = List.copyOf(cells);
    }
}
