package org.tsunagi.routes.redaction;

import java.util.List;
import org.w3c.dom.Document;

/** What a StatisticsReport copy releases, in the form the statistics memory keeps it. */
public final class ReleasedStatistics {

    private ReleasedStatistics() {
    }

    /** The report's reference period as the memory keys it ({@code start/end}, or {@code none}). */
    public static String referencePeriod(Document report) {
        return LinkedTables.referencePeriod(report.getDocumentElement());
    }

    /**
     * Every cell of {@code copy}'s tables, published or suppressed, with its true value from {@code source} (the
     * sender's report the copy was made from).
     */
    public static List<ReleasedCell> cells(Document source, Document copy, String messageId) {
        return LinkedTables.released(source.getDocumentElement(), copy.getDocumentElement(), messageId);
    }
}
