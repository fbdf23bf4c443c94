package org.tsunagi.gateway.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tsunagi.routes.redaction.ReleasedCell;
import org.tsunagi.routes.redaction.ReleasedStatistics;
import org.tsunagi.routes.redaction.SmallCellRule;
import org.tsunagi.routes.redaction.StatisticsHistory;
import org.tsunagi.routes.redaction.StatisticsMemory;
import org.tsunagi.schemas.codec.MessageCodec;
import org.w3c.dom.Document;

/**
 * The pipeline's view of statistics disclosure control: the rule a recipient's copy is made under, what it must be
 * protected against (everything released before to the recipient, and to every member of its groups, by the same
 * sender for the same reference period, and the copies of the same report made for its group), and remembering a
 * copy when it is committed.
 */
public final class StatisticsReleases {

    private final StatisticsMemory memory;
    private final StatisticsProperties settings;
    private final MessageCodec codec;

    public StatisticsReleases(StatisticsMemory memory, StatisticsProperties settings, MessageCodec codec) {
        this.memory = memory;
        this.settings = settings;
        this.codec = codec;
    }

    /** Below national level: the agreement's k (at least 2) and the gateway's protection level. */
    public SmallCellRule rule(int minimumCellCount) {
        return SmallCellRule.withMinCount(Math.max(2, minimumCellCount))
                .withProtectionPercent(settings.protectionPercent());
    }

    /** A copy already made of the report being redacted. */
    public record Copy(String recipientId, byte[] xml) {
    }

    /**
     * What a copy of a report for {@code recipientId} is suppressed and audited against: what the recipient and the
     * members of its groups were released before, and the copies of this same report already made for members of
     * its groups.
     *
     * @param reportXml the sender's report
     */
    public StatisticsHistory history(byte[] reportXml, String senderId, String messageId, String recipientId,
                                     List<Copy> earlier) {
        Document report = codec.readDocument(reportXml);
        Set<String> circle = circle(recipientId);
        StatisticsHistory before = memory.recall(circle, senderId, ReleasedStatistics.referencePeriod(report));
        List<ReleasedCell> cells = new ArrayList<>(before.cells());
        for (Copy copy : earlier) {
            if (circle.contains(copy.recipientId()) && !copy.recipientId().equals(recipientId)) {
                cells.addAll(ReleasedStatistics.cells(report, codec.readDocument(copy.xml()), messageId));
            }
        }
        return new StatisticsHistory(cells);
    }

    /**
     * Remembers every cell a committed copy released; call inside the transaction that commits the copy.
     *
     * @param reportXml the sender's report (for the true values of the cells the copy suppresses)
     * @param copyXml   the recipient's copy as sealed
     */
    public void remember(byte[] reportXml, String senderId, String messageId, String recipientId, byte[] copyXml,
                         Instant at) {
        Document report = codec.readDocument(reportXml);
        List<ReleasedCell> cells = ReleasedStatistics.cells(report, codec.readDocument(copyXml), messageId);
        memory.remember(recipientId, senderId, ReleasedStatistics.referencePeriod(report), messageId, cells, at);
    }

    /** The recipient and every member of the groups it belongs to. */
    Set<String> circle(String recipientId) {
        Set<String> circle = new TreeSet<>();
        circle.add(recipientId);
        settings.groups().values().stream().filter(members -> members.contains(recipientId))
                .forEach(circle::addAll);
        return circle;
    }
}
